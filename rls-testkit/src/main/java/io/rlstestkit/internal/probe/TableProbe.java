package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.report.Plurals;
import io.rlstestkit.internal.report.Proof;
import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.SessionContext;
import io.rlstestkit.internal.scope.TestTransaction;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Runs a table check for a scope against the rows of a tenant, inside a savepoint that is rolled back: first the
 * positive controls (the tenant has rows, seen as the owner; the tenant's own scope sees them), then the probes.
 * UPDATE and DELETE are probed twice: aimed at the tenant's rows with a WHERE clause, and blind (a statement that
 * reads no column, so that PostgreSQL applies no SELECT policy to it), judged as the owner, in the same transaction,
 * by whether the tenant's row versions are still there.
 */
@API(status = INTERNAL)
public final class TableProbe {

    private static final int MAX_BLIND_COLUMNS = 3;
    /** Which scope runs a check's count: each its own statement text, so that each keeps its plan (see Outcomes). */
    private static final String OWNER = "owner";
    private static final String OWN_SCOPE = "own scope";
    private static final String CHECKED_SCOPE = "checked scope";

    private final ScopedSession session;
    private final String tableName;
    private final TableCheck check;

    /**
     * A table check of a session.
     *
     * @param session   the session whose scope is checked
     * @param tableName the table, as the test names it
     * @param check     what to check
     */
    public TableProbe(ScopedSession session, String tableName, TableCheck check) {
        this.session = session;
        this.tableName = tableName;
        this.check = check;
    }

    /** Runs the check; returns {@code null} where it held, else the failure message. */
    public String run(Tenant target) {
        TestTransaction transaction = session.transaction();
        try {
            // The owner first, outside the savepoint: the rollback then leaves it active for the next check.
            transaction.activate(session.context().ownerScope());
            Verdict verdict = transaction.isolated(connection -> check(connection, target));
            ProofLog.instance().record(new Proof(session.context().source(), session.context().environmentLabel(), verdict.table(),
                    session.scope().label(), check.command(), check.modality(),
                    target.toString(), verdict.held()));
            return verdict.failure();
        } catch (SQLException e) {
            return header(target, tableName) + ",\nbut the check could not run: " + e.getSQLState() + " "
                    + e.getMessage();
        }
    }

    private Verdict check(Connection connection, Tenant target) throws SQLException {
        TestTransaction transaction = session.transaction();
        SessionContext context = session.context();
        Scope owner = context.ownerScope();
        Catalog catalog = transaction.ownerCatalog(owner);
        TableInfo table = transaction.lookup("table " + tableName, c -> catalog.table(tableName).orElse(null));
        if (table == null) {
            List<TableInfo> variants = catalog.caseVariants(tableName);
            if (!variants.isEmpty()) {
                return Verdict.failed(tableName, header(target, tableName) + ",\nbut PostgreSQL reads the unquoted"
                        + " name " + tableName + " as " + tableName.toLowerCase(java.util.Locale.ROOT) + ", and no"
                        + " table has that name. Tables whose names differ from it only in case: " + variants.stream()
                        .map(TableProbe::quotedName).collect(Collectors.joining(", ")) + ".\nWrite the one you mean"
                        + " quoted, as SQL would: " + variants.stream().map(v -> "\"" + quotedName(v)
                        .replace("\"", "\\\"") + "\"").collect(Collectors.joining(" or ")) + ".");
            }
            return Verdict.failed(tableName, header(target, tableName) + ",\nbut there is no table or view "
                    + tableName + " (search_path: " + searchPath(catalog) + ").\nTables with row-level security: "
                    + tableList(catalog) + ".\nCheck the name, or qualify it with its schema.");
        }
        String expression = context.tenantExpressionOf(table.schema(), table.name());
        String column = expression == null ? context.tenantColumnOf(table.schema(), table.name()) : null;
        List<ColumnInfo> columns = transaction.lookup("columns " + table.oid(), c -> catalog.columns(table));
        if (expression != null) {
            return checkRows(connection, catalog, table, null, columns, tenantWhere(expression), target);
        }
        if (columns.stream().noneMatch(c -> c.name().equals(column))) {
            return Verdict.failed(table.displayName(), header(target, table.displayName()) + ",\nbut " + table
                    + " has no column " + column + " to tell the tenants' rows apart (columns: "
                    + columns.stream().map(ColumnInfo::name).collect(Collectors.joining(", ")) + ").\nConfigure the"
                    + " table's tenant column (tenantColumn, or tenantColumn(\"" + table.name() + "\", \"...\")).");
        }
        ColumnInfo tenantColumn = columns.stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow();
        String where = " WHERE " + Identifiers.quote(column) + " = ?" + cast(target.id(), tenantColumn);
        return checkRows(connection, catalog, table, column, columns, where, target);
    }

    /**
     * The condition that picks a tenant's rows where the table's tenant is an SQL expression: the expression, as text,
     * equal to the tenant's id, as text.
     */
    public static String tenantWhere(String expression) {
        return " WHERE (" + expression + ")::text = ?::text";
    }

    /**
     * The check on a table whose rows of the tenant {@code where} picks: by the tenant column {@code column}, or, where
     * it is {@code null}, by the table's tenant expression.
     */
    private Verdict checkRows(Connection connection, Catalog catalog, TableInfo table, String column,
                              List<ColumnInfo> columns, String where, Tenant target) throws SQLException {
        TestTransaction transaction = session.transaction();
        SessionContext context = session.context();
        Scope owner = context.ownerScope();
        String countSql = "SELECT count(*) AS n FROM " + table.qualifiedName() + where;
        String header = header(target, table.displayName());

        StatementOutcome counted = Outcomes.runIn(OWNER, connection, countSql, target);
        if (counted.failed() && column == null) {
            return Verdict.failed(table.displayName(), header + ",\nbut the table's tenant expression "
                    + context.tenantExpressionOf(table.schema(), table.name()) + " cannot be read: "
                    + counted.describe() + "\n  " + counted.statement() + "\nGive an SQL expression over the"
                    + " columns of " + table + ", compared as text with the tenant's id: tenantExpression(\""
                    + table.displayName() + "\", \"...\").");
        }
        long total = Outcomes.count(counted);
        if (total == 0) {
            return Verdict.failed(table.displayName(), header + ",\nbut the check would pass vacuously: " + target
                    + " has no rows in " + table + " (seen as the owner).\nSeed rows for " + target + " in " + table
                    + " (the seed script runs once per tenant).");
        }
        if (check == TableCheck.CAN_SEE) {
            transaction.activate(session.scope());
            StatementOutcome seen = Outcomes.runIn(CHECKED_SCOPE, connection, countSql, target);
            if (seen.failed() || Outcomes.count(seen) != total) {
                String what = seen.failed() ? seen.describe() : "it sees " + Outcomes.count(seen) + " of " + total;
                transaction.activate(owner);
                return Verdict.failed(table.displayName(), header + ",\nbut " + what + ":\n  " + seen.statement()
                        + "\n" + Diagnosis.policies(catalog, table, "SELECT"));
            }
            return Verdict.held(table.displayName());
        }

        Scope own = context.tenantScope(target);
        String ownDescription = context.session(own).description();
        transaction.activate(own);
        StatementOutcome ownView = Outcomes.runIn(OWN_SCOPE, connection, countSql, target);
        if (ownView.failed()) {
            transaction.activate(owner);
            return Verdict.failed(table.displayName(), header + ",\nbut the check cannot be made: " + target
                    + "'s own scope, " + ownDescription + ", cannot read its rows: " + ownView.error()
                    + (ownView.kind() == OutcomeKind.PERMISSION_DENIED ? "\nGrant SELECT on " + table + " to the tenant"
                    + " role, so that the policies decide which rows it sees." : "")
                    + (ownView.kind() == OutcomeKind.POLICY_RECURSION ? "\nA policy on " + table + " reads the table"
                    + " itself; read it through a SECURITY DEFINER function instead." : ""));
        }
        if (Outcomes.count(ownView) == 0) {
            transaction.activate(owner);
            return Verdict.failed(table.displayName(), header + ",\nbut the check would pass vacuously: " + target
                    + "'s own scope, " + ownDescription + ", sees 0 of its " + Plurals.count(total, "row")
                    + " there, so seeing none"
                    + " proves nothing.\nWhy: " + Diagnosis.whyInvisible(catalog, table, own, transaction.sessionUser()));
        }

        return switch (check) {
            case CANNOT_SEE -> cannotSee(connection, catalog, table, countSql, target, total, header);
            case CANNOT_UPDATE -> cannotUpdate(connection, catalog, table, column, columns, where, target, total, header);
            case CANNOT_DELETE -> cannotDelete(connection, catalog, table, where, target, total, header);
            case CAN_SEE -> throw new IllegalStateException("handled above");
        };
    }

    private Verdict cannotSee(Connection connection, Catalog catalog, TableInfo table, String countSql, Tenant target,
                              long total, String header) throws SQLException {
        TestTransaction transaction = session.transaction();
        transaction.activate(session.scope());
        StatementOutcome seen = Outcomes.runIn(CHECKED_SCOPE, connection, countSql, target);
        if (seen.kind() == OutcomeKind.PERMISSION_DENIED || (!seen.failed() && Outcomes.count(seen) == 0)) {
            return Verdict.held(table.displayName()); // the savepoint's rollback makes the owner active again
        }
        transaction.activate(session.context().ownerScope());
        if (seen.failed()) {
            return Verdict.failed(table.displayName(), header + ",\nbut the query could not tell: " + seen.describe()
                    + "\n  " + seen.statement());
        }
        return Verdict.failed(table.displayName(), header + ",\nbut it sees " + Outcomes.count(seen) + " of " + target
                + "'s " + Plurals.count(total, "row") + ":\n  " + seen.statement() + "\n"
                + Diagnosis.policies(catalog, table, "SELECT"));
    }

    private Verdict cannotUpdate(Connection connection, Catalog catalog, TableInfo table, String column,
                                 List<ColumnInfo> columns, String where, Tenant target, long total, String header)
            throws SQLException {
        TestTransaction transaction = session.transaction();
        List<ColumnInfo> candidates = blindColumns(columns, column);
        if (candidates.isEmpty() && column == null) {
            // A tenant expression, and no column free of constraints: try those that are not generated.
            candidates = columns.stream().filter(c -> !c.generated()).toList();
        }
        if (candidates.isEmpty() && column == null) {
            return Verdict.failed(table.displayName(), header + ",\nbut the check cannot be made: " + table
                    + " has no column an UPDATE can set.");
        }
        String aimedColumn = Identifiers.quote(candidates.isEmpty() ? column : candidates.get(0).name());
        transaction.activate(session.scope());
        StatementOutcome aimed = Outcomes.run(connection, "UPDATE " + table.qualifiedName() + " SET " + aimedColumn
                + " = " + aimedColumn + where, target);
        if (aimed.failed() && !aimed.kind().isDenial()) {
            return Verdict.failed(table.displayName(), header + ",\nbut the aimed UPDATE could not tell: "
                    + aimed.describe() + "\n  " + aimed.statement());
        }
        if (!aimed.failed() && aimed.rowCount() > 0) {
            return Verdict.failed(table.displayName(), header + ",\nbut an UPDATE aimed at them changed "
                    + aimed.rowCount() + " of " + target + "'s " + Plurals.count(total, "row") + ":\n  "
                    + aimed.statement() + "\n"
                    + Diagnosis.policies(catalog, table, "UPDATE"));
        }

        List<String> versions = versions(connection, table, where, target);
        Blind blind = null;
        for (ColumnInfo candidate : candidates.subList(0, Math.min(MAX_BLIND_COLUMNS, candidates.size()))) {
            String value = ownerValue(connection, table, candidate, where, target);
            blind = blindProbe(connection, table, where, target, versions, "UPDATE " + table.qualifiedName()
                    + " SET " + Identifiers.quote(candidate.name()) + " = ?::" + candidate.type(), value);
            if (blind.outcome().kind() != OutcomeKind.CONSTRAINT_VIOLATION) {
                break;
            }
        }
        Tenant own = session.scope().tenant();
        if (column != null && (blind == null || blind.outcome().kind() == OutcomeKind.POLICY_VIOLATION && own != null
                || blind.outcome().kind() == OutcomeKind.CONSTRAINT_VIOLATION && own != null)) {
            // No column to set, or a WITH CHECK stopped the statement: try to move the rows to the scope's tenant.
            ColumnInfo tenantColumn = columns.stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow();
            Object value = own != null ? own.id() : target.id();
            blind = blindProbe(connection, table, where, target, versions, "UPDATE " + table.qualifiedName() + " SET "
                    + Identifiers.quote(column) + " = ?::" + tenantColumn.type(), String.valueOf(value));
        }
        return judgeBlind(blind, table, catalog, target, total, header, aimed, "UPDATE", "changed");
    }

    private Verdict cannotDelete(Connection connection, Catalog catalog, TableInfo table, String where, Tenant target,
                                 long total, String header) throws SQLException {
        TestTransaction transaction = session.transaction();
        transaction.activate(session.scope());
        StatementOutcome aimed = Outcomes.run(connection, "DELETE FROM " + table.qualifiedName() + where, target);
        if (aimed.failed() && !aimed.kind().isDenial() && aimed.kind() != OutcomeKind.CONSTRAINT_VIOLATION) {
            return Verdict.failed(table.displayName(), header + ",\nbut the aimed DELETE could not tell: "
                    + aimed.describe() + "\n  " + aimed.statement());
        }
        if (!aimed.failed() && aimed.rowCount() > 0) {
            return Verdict.failed(table.displayName(), header + ",\nbut a DELETE aimed at them removed "
                    + aimed.rowCount() + " of " + target + "'s " + Plurals.count(total, "row") + ":\n  "
                    + aimed.statement() + "\n"
                    + Diagnosis.policies(catalog, table, "DELETE"));
        }
        List<String> versions = versions(connection, table, where, target);
        String blindSql = "DELETE FROM " + table.qualifiedName();
        Blind blind = blindProbe(connection, table, where, target, versions, blindSql, null);
        boolean constrained = aimed.kind() == OutcomeKind.CONSTRAINT_VIOLATION
                || blind.outcome().kind() == OutcomeKind.CONSTRAINT_VIOLATION;
        if (constrained && catalog.isSuperuser(null)) {
            // A foreign key refuses the delete: probe again with foreign-key triggers off, as only a superuser may.
            transaction.activate(session.context().ownerScope());
            blind = transaction.isolated(c -> {
                Outcomes.run(c, "SELECT set_config('session_replication_role', 'replica', true)");
                transaction.activate(session.scope());
                StatementOutcome retried = Outcomes.run(c, "DELETE FROM " + table.qualifiedName() + where, target);
                if (!retried.failed() && retried.rowCount() > 0) {
                    return new Blind(retried, retried.rowCount());
                }
                return blindProbe(c, table, where, target, versions, blindSql, null);
            });
        }
        return judgeBlind(blind, table, catalog, target, total, header, aimed, "DELETE", "removed");
    }

    private Verdict judgeBlind(Blind blind, TableInfo table, Catalog catalog, Tenant target, long total, String header,
                               StatementOutcome aimed, String command, String verb) {
        StatementOutcome outcome = blind.outcome();
        if (blind.touched() > 0) {
            return Verdict.failed(table.displayName(), header + ",\nbut " + (outcome.sql().contains(" WHERE ")
                    ? article(command) + " aimed at them" : article(command) + " that reads no column") + " " + verb + " "
                    + blind.touched() + " of " + target + "'s " + Plurals.count(total, "row") + ":\n  "
                    + outcome.statement()
                    + "\n(the " + command + " aimed with WHERE " + (aimed.failed() ? aimed.kind().verb()
                    : verb + " " + StatementOutcome.rows(aimed.rowCount())) + ": the SELECT policy hides the rows"
                    + " from a WHERE clause, but the " + command + " policy does not protect them).\n"
                    + Diagnosis.policies(catalog, table, command));
        }
        if (outcome.failed() && !outcome.kind().isDenial()) {
            return Verdict.failed(table.displayName(), header + ",\nbut the blind " + command + " could not tell: "
                    + outcome.describe() + "\n  " + outcome.statement());
        }
        return Verdict.held(table.displayName());
    }

    /**
     * Runs a statement in the session's scope inside a savepoint, then counts as the owner, still inside it, how
     * many of the tenant's row versions are gone.
     */
    private Blind blindProbe(Connection connection, TableInfo table, String where, Tenant target, List<String> versions,
                             String sql, String value) throws SQLException {
        TestTransaction transaction = session.transaction();
        transaction.activate(session.scope());
        return transaction.isolated(c -> {
            StatementOutcome outcome = value == null && !sql.contains("?") ? Outcomes.run(c, sql)
                    : Outcomes.run(c, sql, value);
            if (outcome.failed()) {
                return new Blind(outcome, 0);
            }
            transaction.activate(session.context().ownerScope());
            long remaining = Outcomes.count(Outcomes.run(c, "SELECT count(*) AS n FROM " + table.qualifiedName() + where
                    + " AND " + VERSION + " = ANY (?)", target, c.createArrayOf("text", versions.toArray())));
            return new Blind(outcome, versions.size() - remaining);
        });
    }

    private static final String VERSION = "(tableoid::regclass::text || ':' || ctid::text)";

    /** The tenant's row versions, as the owner sees them. */
    private List<String> versions(Connection connection, TableInfo table, String where, Tenant target)
            throws SQLException {
        session.transaction().activate(session.context().ownerScope());
        StatementOutcome rows = Outcomes.run(connection, "SELECT " + VERSION + " AS v FROM " + table.qualifiedName()
                + where, target);
        return rows.rows().stream().map(row -> String.valueOf(row.get("v"))).toList();
    }

    /** A value of the column from one of the tenant's rows, as text, as the owner sees it. */
    private String ownerValue(Connection connection, TableInfo table, ColumnInfo column, String where, Tenant target)
            throws SQLException {
        session.transaction().activate(session.context().ownerScope());
        StatementOutcome value = Outcomes.run(connection, "SELECT " + Identifiers.quote(column.name())
                + "::text AS v FROM " + table.qualifiedName() + where + " LIMIT 1", target);
        return value.rows().isEmpty() ? null : (String) value.rows().get(0).get("v");
    }

    /**
     * A cast of the tenant's id to the column's type where the id does not bind as that type: one id may be kept as
     * uuid in one table and as text in another (a Supabase user id, compared as {@code auth.uid()::text} in a table
     * whose {@code user_id} is text).
     */
    private static String cast(Object id, ColumnInfo column) {
        boolean binds = id instanceof java.util.UUID ? column.typeName().equals("uuid")
                : id instanceof Number ? column.typeCategory().equals("N")
                : column.typeCategory().equals("S");
        return binds ? "" : "::" + column.type();
    }

    /**
     * Columns a blind UPDATE can set to a constant without tripping a constraint: not generated, not the tenant
     * column, in no unique index and no foreign key; those read by no CHECK constraint first.
     */
    private static List<ColumnInfo> blindColumns(List<ColumnInfo> columns, String tenantColumn) {
        return columns.stream()
                .filter(c -> !c.generated() && !c.unique() && !c.foreignKey() && !c.name().equals(tenantColumn))
                .sorted(Comparator.comparing(ColumnInfo::checked))
                .toList();
    }

    private static String article(String command) {
        return (command.startsWith("U") ? "an " : "a ") + command;
    }

    private String header(Tenant target, String table) {
        return "Expecting " + session.description() + " " + check.expectation() + " " + target + " in "
                + table;
    }

    private static String searchPath(Catalog catalog) {
        return catalog.query("SELECT current_setting('search_path')", rows -> rows.getString(1)).get(0);
    }

    private static String quotedName(TableInfo table) {
        return Identifiers.quote(table.schema()) + "." + Identifiers.quote(table.name());
    }

    private static String tableList(Catalog catalog) {
        String tables = catalog.rlsTables().stream().map(TableInfo::displayName).collect(Collectors.joining(", "));
        return tables.isEmpty() ? "none" : tables;
    }

    /** A blind probe's statement and how many of the tenant's rows it reached. */
    private record Blind(StatementOutcome outcome, long touched) {
    }

    /** Whether a check held, on which table, and the failure message where it did not. */
    private record Verdict(String table, boolean held, String failure) {
        static Verdict held(String table) {
            return new Verdict(table, true, null);
        }

        static Verdict failed(String table, String message) {
            return new Verdict(table, false, message);
        }
    }
}
