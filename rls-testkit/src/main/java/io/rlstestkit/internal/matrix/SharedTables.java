package io.rlstestkit.internal.matrix;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.probe.Outcomes;
import io.rlstestkit.internal.report.Plurals;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.TestTransaction;

import java.sql.SQLException;
import java.util.List;

/**
 * The tables with row-level security whose policies name no tenant column: shared by all tenants (a global settings
 * table), left out of the isolation probes and listed once. Where a tenant role may delete from one, the matrix
 * checks that one tenant's DELETE cannot change what another tenant reads there.
 */
final class SharedTables {

    private SharedTables() {
    }

    /** Whether a role holds DELETE on the table and a permissive DELETE (or ALL) policy applies to it. */
    static boolean mayDelete(Catalog catalog, TableInfo table, String role) {
        boolean privilege = catalog.query("SELECT has_table_privilege(?, ?::oid, 'DELETE')",
                rows -> rows.getBoolean(1), role, table.oid()).get(0);
        List<String> roles = catalog.role(role).map(RoleInfo::memberOf).orElse(List.of(role));
        return privilege && catalog.policies(table).stream().anyMatch(policy -> policy.permissive()
                && policy.appliesTo("DELETE") && policy.appliesToAnyOf(roles));
    }

    /** Tenant actor deletes from the table; returns {@code null} where the reader reads the same rows after. */
    static String probe(TestRun run, TableInfo table, Tenant actor, Tenant reader) throws SQLException {
        ScopedSession writer = run.tenant(actor);
        ScopedSession other = run.tenant(reader);
        String read = "SELECT count(*) AS n FROM " + table.qualifiedName();
        TestTransaction transaction = writer.transaction();
        long[] counts = new long[2];
        StatementOutcome outcome = transaction.isolated(connection -> {
            transaction.activate(other.scope());
            counts[0] = Outcomes.count(Outcomes.run(connection, read));
            transaction.activate(writer.scope());
            StatementOutcome deleted = Outcomes.run(connection, "DELETE FROM " + table.qualifiedName());
            transaction.activate(other.scope());
            counts[1] = Outcomes.count(Outcomes.run(connection, read));
            return deleted;
        });
        String header = "Expecting " + writer.description() + " not to change what " + reader + " reads in "
                + table.displayName() + ", a table shared by all tenants";
        if (counts[0] == 0) {
            return header + ",\nbut the check would prove nothing: " + reader + " reads no row there. Seed one.";
        }
        if (counts[1] == counts[0]) {
            return null;
        }
        return header + ",\nbut its DELETE removed " + (counts[0] - counts[1]) + " of the "
                + Plurals.count(counts[0], "row") + " "
                + reader + " reads:\n  " + outcome.statement() + "\nLet tenant roles only read shared tables, or give"
                + " the table a tenant column and policies that compare it with the tenant.";
    }
}
