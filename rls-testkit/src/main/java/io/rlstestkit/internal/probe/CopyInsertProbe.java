package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.report.Proof;
import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.SessionContext;
import io.rlstestkit.internal.scope.TestTransaction;
import org.apiguardian.api.API;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Checks that a tenant cannot insert a row for another tenant in a table whose tenant is an SQL expression
 * ({@code (storage.foldername(name))[1]}), where no row can be made by setting a tenant column: the row inserted is a
 * copy of one of the tenant's own rows, as the owner reads it, without the columns that have a default (a new key)
 * and with a suffix on the text of the other unique columns that are no foreign key (at the end, so that a path
 * keeps its folders). As the positive control, the inserting tenant's copy of its own row must succeed; then the copy
 * of the other tenant's row must be refused, by a policy or a missing privilege. Each insert runs in a savepoint that
 * is rolled back.
 */
@API(status = INTERNAL)
public final class CopyInsertProbe {

    private static final String SUFFIX = "-rlstestkit-copy";

    private final SessionContext run;
    private final TableInfo table;
    private final String expression;

    /**
     * A copy-insert probe of a table.
     *
     * @param run        the test's sessions and scopes
     * @param table      the table
     * @param expression the SQL expression that gives its tenant
     */
    public CopyInsertProbe(SessionContext run, TableInfo table, String expression) {
        this.run = run;
        this.table = table;
        this.expression = expression;
    }

    /** Runs the check; returns {@code null} where it held, else the failure message. */
    public String check(Tenant inserting, Tenant target) {
        ScopedSession session = run.session(run.tenantScope(inserting));
        String header = "Expecting " + session.description() + " not to insert rows for " + target + " into "
                + table.displayName() + " (tenant: " + expression + ")";
        try {
            String failure = probe(session, inserting, target, header);
            ProofLog.instance().record(new Proof(run.source(), run.environmentLabel(), table.displayName(),
                    session.scope().label(), "INSERT", "cannot", target.toString(), failure == null));
            return failure;
        } catch (SQLException e) {
            return header + ",\nbut the check could not run: " + e.getSQLState() + " " + e.getMessage();
        }
    }

    private String probe(ScopedSession session, Tenant inserting, Tenant target, String header) throws SQLException {
        TestTransaction transaction = session.transaction();
        Catalog catalog = transaction.ownerCatalog(run.ownerScope());
        List<ColumnInfo> columns = catalog.columns(table).stream().filter(c -> !c.generated() && !c.hasDefault())
                .toList();
        StatementOutcome control = copy(session, columns, inserting);
        if (control == null) {
            return header + ",\nbut the check would pass vacuously: " + inserting + " has no row in " + table
                    + " to copy (seen as the owner).\nSeed rows for each tenant in " + table + ".";
        }
        if (control.failed()) {
            return header + ",\nbut the check would prove nothing: " + inserting + " cannot insert a copy of its own"
                    + " row either: " + control.describe() + "\n  " + control.statement() + "\nso a refusal for "
                    + target + " would prove nothing about the policies. Let a tenant insert its own rows; where"
                    + " tenants may not insert into " + table.displayName() + " at all, leave the command out:"
                    + " excludingCommand(\"" + table.displayName() + "\", \"INSERT\").";
        }
        StatementOutcome outcome = copy(session, columns, target);
        if (outcome == null) {
            return header + ",\nbut the check would pass vacuously: " + target + " has no row in " + table
                    + " to copy (seen as the owner).\nSeed rows for each tenant in " + table + ".";
        }
        if (outcome.kind().isDenial()) {
            return null;
        }
        if (!outcome.failed()) {
            return header + ",\nbut an INSERT of a copy of one of " + target + "'s rows succeeded:\n  "
                    + outcome.statement() + "\n" + Diagnosis.policies(catalog, table, "INSERT");
        }
        return header + ",\nbut the INSERT could not tell: " + outcome.describe() + "\n  " + outcome.statement()
                + "\nA copy of " + inserting + "'s own row was inserted, so the difference is the tenant's.";
    }

    /**
     * Inserts, in the session's scope and a savepoint rolled back, a copy of one of the tenant's rows; {@code null}
     * where the tenant has none.
     */
    private StatementOutcome copy(ScopedSession session, List<ColumnInfo> columns, Tenant whose) throws SQLException {
        TestTransaction transaction = session.transaction();
        String read = "SELECT " + columns.stream().map(c -> Identifiers.quote(c.name()) + "::text AS "
                + Identifiers.quote(c.name())).collect(Collectors.joining(", ")) + " FROM " + table.qualifiedName()
                + TableProbe.tenantWhere(expression) + " LIMIT 1";
        return transaction.isolated(connection -> {
            transaction.activate(run.ownerScope());
            StatementOutcome rows = Outcomes.run(connection, read, whose);
            if (rows.failed() || rows.rows().isEmpty()) {
                return null;
            }
            Map<String, Object> row = rows.rows().get(0);
            List<Object> values = new ArrayList<>();
            for (ColumnInfo column : columns) {
                Object value = row.get(column.name());
                values.add(value != null && column.unique() && !column.foreignKey()
                        && column.typeCategory().equals("S") ? value + SUFFIX
                        : value);
            }
            String insert = "INSERT INTO " + table.qualifiedName() + " (" + columns.stream()
                    .map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?::" + c.type()).collect(Collectors.joining(", ")) + ")";
            transaction.activate(session.scope());
            return Outcomes.run(connection, insert, values.toArray());
        });
    }
}
