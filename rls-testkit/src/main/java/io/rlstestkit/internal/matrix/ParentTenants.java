package io.rlstestkit.internal.matrix;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.probe.OutcomeKind;
import io.rlstestkit.internal.probe.Outcomes;
import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.TestTransaction;
import io.rlstestkit.internal.tenant.TenantTables;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The tables whose policies reach their tenant only through a parent ({@code EXISTS (SELECT 1 FROM invoices i WHERE
 * i.id = invoice_lines.invoice_id AND i.tenant_id = ...)}): no column holds the tenant's id, so a row's tenant is its
 * parent's. The matrix gives each such table a tenant expression, a call of a function it creates in the test's
 * transaction ({@code pg_temp}, gone with it) that reads the parent's tenant as the owner, so that the probes count
 * another tenant's rows whatever the parent's policies hide (a subquery on the parent, run as the probing tenant, would
 * find no parent of the other tenant's, and hide a leak). The probes are those of a table whose tenant is an
 * expression, and a move: a tenant points a row of its own at another tenant's parent.
 */
final class ParentTenants {

    private static final String RAISED_BY_TRIGGER = "P0001";
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /**
     * A table that reaches its tenant through a parent.
     *
     * @param table      the table
     * @param key        its single-column foreign key to the parent
     * @param expression the SQL expression of a row's tenant, as text
     * @param parentOf   the condition, with one parameter (the tenant's id), that picks a tenant's rows of the parent
     */
    record Reached(TableInfo table, ForeignKeyInfo key, String expression, String parentOf) {

        /** The column that points at the parent. */
        String column() {
            return key.columns().get(0);
        }

        /** {@code (tenant through invoice_id -> public.invoices)}. */
        String describe() {
            return "(tenant through " + column() + " -> " + key.parent().displayName() + ")";
        }
    }

    private ParentTenants() {
    }

    /**
     * Creates the functions that read the tenant of the rows of tables reached through a parent, and returns those
     * tables with their tenant expressions; a table whose key to its parent has more than one column is left out.
     */
    static Map<TableInfo, Reached> of(TestRun run, List<TableInfo> tables, List<ForeignKeyInfo> keys,
                                      TenantColumns tenantColumns) throws SQLException {
        Map<TableInfo, Reached> reached = new LinkedHashMap<>();
        for (TableInfo table : tables) {
            reach(run, table, keys, tenantColumns, reached);
        }
        reached.keySet().retainAll(tables);
        return reached;
    }

    private static Optional<Reached> reach(TestRun run, TableInfo table, List<ForeignKeyInfo> keys,
                                           TenantColumns tenantColumns, Map<TableInfo, Reached> reached)
            throws SQLException {
        if (reached.containsKey(table)) {
            return Optional.of(reached.get(table));
        }
        TenantTables.TenantTable known = tenantColumns.known(table);
        if (known.source() != TenantTables.Source.FOREIGN_KEY) {
            return Optional.empty();
        }
        ForeignKeyInfo key = keys.stream().filter(k -> k.table().oid() == table.oid() && k.columns().size() == 1
                && k.columns().get(0).equals(known.column()) && k.parent().oid() == known.parent().oid())
                .findFirst().orElse(null);
        if (key == null) {
            return Optional.empty();
        }
        TableInfo parent = key.parent();
        String parentTenant;
        String parentOf;
        Optional<String> column = tenantColumns.of(parent);
        if (column.isPresent()) {
            parentTenant = Identifiers.quote(column.get()) + "::text";
            parentOf = Identifiers.quote(column.get()) + "::text = ?::text";
        } else {
            Optional<Reached> grand = reach(run, parent, keys, tenantColumns, reached);
            if (grand.isEmpty()) {
                return Optional.empty();
            }
            parentTenant = grand.get().expression();
            parentOf = "(" + grand.get().expression() + ") = ?::text";
        }
        Catalog catalog = run.transaction().ownerCatalog(run.scopes().owner());
        String type = catalog.column(table, key.columns().get(0)).map(ColumnInfo::type).orElse("text");
        String function = "pg_temp.rlstestkit_tenant_of_" + table.oid();
        String create = "CREATE FUNCTION " + function + "(" + type + ") RETURNS text LANGUAGE sql STABLE SECURITY"
                + " DEFINER AS $rlstestkit$ SELECT " + parentTenant + " FROM " + parent.qualifiedName() + " WHERE "
                + Identifiers.quote(key.parentColumns().get(0)) + " = $1 $rlstestkit$";
        StatementOutcome made = run.transaction().run(run.scopes().owner(), connection -> Outcomes.run(connection,
                create));
        if (made.failed()) {
            throw new SQLException("Could not create " + function + ": " + made.error());
        }
        Reached found = new Reached(table, key, function + "(" + Identifiers.quote(key.columns().get(0)) + ")",
                parentOf);
        reached.put(table, found);
        return Optional.of(found);
    }

    /** The key of one of a tenant's parent rows, as text, as the owner reads it; {@code null} where there is none. */
    static String parentKey(TestTransaction transaction, Scope owner, Reached reached, Tenant tenant)
            throws SQLException {
        String sql = "SELECT " + Identifiers.quote(reached.key().parentColumns().get(0)) + "::text AS k FROM "
                + reached.key().parent().qualifiedName() + " WHERE " + reached.parentOf() + " ORDER BY 1 LIMIT 1";
        StatementOutcome rows = transaction.run(owner, connection -> Outcomes.run(connection, sql,
                String.valueOf(tenant.id())));
        return rows.failed() || rows.rows().isEmpty() ? null : String.valueOf(rows.rows().get(0).get("k"));
    }

    /**
     * The actor points one row of its own at the target's parent row; first, as the positive control, at the parent
     * it points at. A policy must refuse it.
     */
    static String move(TestRun run, Reached reached, Tenant actor, Tenant target) throws SQLException {
        ScopedSession session = run.tenant(actor);
        TableInfo table = reached.table();
        String header = "Expecting " + session.description() + " not to move its rows of " + table.displayName()
                + " to " + target + " by pointing " + reached.column() + " at " + target + "'s row of "
                + reached.key().parent().displayName();
        String theirs = parentKey(run.transaction(), run.scopes().owner(), reached, target);
        if (theirs == null) {
            return header + ",\nbut the check would prove nothing: " + target + " has no row in "
                    + reached.key().parent().displayName() + ". Seed one.";
        }
        String column = Identifiers.quote(reached.column());
        String type = run.transaction().ownerCatalog(run.scopes().owner()).column(table, reached.column())
                .map(ColumnInfo::type).orElse("text");
        String where = " WHERE ctid = (SELECT ctid FROM " + table.qualifiedName() + " WHERE (" + reached.expression()
                + ") = ?::text ORDER BY ctid LIMIT 1)";
        TestTransaction transaction = session.transaction();
        StatementOutcome control = transaction.isolated(connection -> {
            transaction.activate(session.scope());
            return Outcomes.run(connection, "UPDATE " + table.qualifiedName() + " SET " + column + " = " + column
                    + where, String.valueOf(actor.id()));
        });
        if (control.kind() == OutcomeKind.PERMISSION_DENIED || !control.failed() && control.rowCount() == 0) {
            // no privilege, or no UPDATE policy lets the actor touch its own row: it cannot touch another's either
            return null;
        }
        if (control.failed()) {
            return header + ",\nbut the check would prove nothing: " + actor + " cannot update " + reached.column()
                    + " of a row of its own even to the value it holds: " + control.describe() + "\n  "
                    + control.statement() + "\nWhere tenants may not change " + reached.column() + ", revoke UPDATE"
                    + " of it; else leave the command out: excludingCommand(\"" + table.name() + "\", \"UPDATE\").";
        }
        StatementOutcome outcome = transaction.isolated(connection -> {
            transaction.activate(session.scope());
            return Outcomes.run(connection, "UPDATE " + table.qualifiedName() + " SET " + column + " = ?::" + type
                    + where, theirs, String.valueOf(actor.id()));
        });
        if (outcome.kind().isDenial() || RAISED_BY_TRIGGER.equals(outcome.sqlState())
                || FOREIGN_KEY_VIOLATION.equals(outcome.sqlState()) || !outcome.failed() && outcome.rowCount() == 0) {
            return null;
        }
        String fix = "\nThe UPDATE policies' WITH CHECK must check the new parent as the USING checks the old one ("
                + reached.column() + " must point at a row of the tenant's own)." + policies(run, table, "UPDATE");
        if (!outcome.failed()) {
            return header + ",\nbut the UPDATE moved a row of its own under " + target + "'s row:\n  "
                    + outcome.statement() + fix;
        }
        return header + ",\nbut the UPDATE could not tell: " + outcome.describe() + "\n  " + outcome.statement() + fix;
    }

    /** The actor runs TRUNCATE on the table, which ignores row-level security. */
    static String truncate(TestRun run, Reached reached, Tenant actor, Tenant target) throws SQLException {
        ScopedSession session = run.tenant(actor);
        TableInfo table = reached.table();
        String header = "Expecting " + session.description() + " not to TRUNCATE " + table.displayName();
        String count = "SELECT count(*) AS n FROM " + table.qualifiedName() + " WHERE (" + reached.expression()
                + ") = ?::text";
        TestTransaction transaction = session.transaction();
        Object[] result = transaction.isolated(connection -> {
            transaction.activate(run.scopes().owner());
            long before = Outcomes.count(Outcomes.run(connection, count, String.valueOf(target.id())));
            transaction.activate(session.scope());
            StatementOutcome outcome = Outcomes.run(connection, "TRUNCATE " + table.qualifiedName());
            transaction.activate(run.scopes().owner());
            return new Object[] {outcome, before, Outcomes.count(Outcomes.run(connection, count,
                    String.valueOf(target.id())))};
        });
        StatementOutcome outcome = (StatementOutcome) result[0];
        if ((Long) result[1] == 0) {
            return header + ",\nbut the check would prove nothing: " + target + " has no rows there.";
        }
        if (outcome.kind() == OutcomeKind.PERMISSION_DENIED) {
            return null;
        }
        String fix = CrossTenantProbes.truncateFix(run, session, table);
        if (!outcome.failed()) {
            return header + ",\nbut it emptied the table: " + target + "'s rows went from " + result[1] + " to "
                    + result[2] + ":\n  " + outcome.statement() + fix;
        }
        return header + ",\nbut only this stopped it: " + outcome.describe() + "\n  " + outcome.statement() + fix;
    }

    private static String policies(TestRun run, TableInfo table, String command) throws SQLException {
        String listed = run.transaction().ownerCatalog(run.scopes().owner()).policies(table).stream()
                .filter(policy -> policy.appliesTo(command)).map(policy -> "\n  " + policy.describe())
                .collect(Collectors.joining());
        return listed.isEmpty() ? "\nNo policy on " + table.displayName() + " for " + command + "."
                : "\nPolicies on " + table.displayName() + " for " + command + ":" + listed;
    }
}
