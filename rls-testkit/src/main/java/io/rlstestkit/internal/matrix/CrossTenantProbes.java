package io.rlstestkit.internal.matrix;

import io.rlstestkit.internal.probe.InsertProbe;
import io.rlstestkit.internal.probe.RowMaker;
import io.rlstestkit.Tenant;
import io.rlstestkit.internal.probe.OutcomeKind;
import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.PrivilegeCatalog;
import io.rlstestkit.internal.catalog.RowCatalog;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.catalog.TruncateHolders;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.probe.Outcomes;
import io.rlstestkit.internal.report.Plurals;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.TestTransaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The holes that row-level security leaves beside SELECT, INSERT, UPDATE and DELETE of another tenant's rows: a
 * tenant pointing a foreign key of its own row at another tenant's row (foreign-key checks ignore row-level
 * security), moving its rows to another tenant, emptying a table with TRUNCATE (which ignores row-level security),
 * and seeing another tenant's rows by setting a setting the policies read other than its own. Each probe runs in a savepoint that is
 * rolled back, and returns {@code null} where the tenant was refused, else the failure message.
 */
final class CrossTenantProbes {

    private static final String RAISED_BY_TRIGGER = "P0001";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final int ATTEMPTS = 16;
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    /** The most literals of a policy's texts tried as values of a setting, besides on, true and 1. */
    private static final int MAX_VALUES = 12;
    /** How many parent rows of the target's, and rows of the actor's, attach by UPDATE tries past a unique key. */
    private static final int UNIQUE_TRIES = 4;
    private static final String UNIQUE_VIOLATION = "23505";

    private final TestRun run;
    private final TableInfo table;
    private final String tenantColumn;
    private final String tenantType;

    CrossTenantProbes(TestRun run, TableInfo table, String tenantColumn) throws SQLException {
        this.run = run;
        this.table = table;
        this.tenantColumn = tenantColumn;
        this.tenantType = ownerCatalog().column(table, tenantColumn).map(ColumnInfo::type).orElse("text");
    }

    /** The foreign keys of the table to another tenant table, other than the tenant column's own. */
    static List<ForeignKeyInfo> tenantReferences(TableInfo table, String tenantColumn, List<ForeignKeyInfo> keys,
                                                 TenantColumns tenantColumns) {
        return keys.stream().filter(key -> key.table().oid() == table.oid())
                .filter(key -> tenantColumns.of(key.parent()).isPresent())
                .filter(key -> !key.columns().equals(List.of(tenantColumn))).toList();
    }

    /** The actor inserts a row of its own whose foreign keys point at the target's parent rows, one key at a time. */
    String attach(Tenant actor, Tenant target, List<ForeignKeyInfo> references, Supplier<RowMaker> makers,
                  TenantColumns tenantColumns) throws SQLException {
        ScopedSession session = run.tenant(actor);
        String header = "Expecting " + session.description() + " not to attach rows of " + table.displayName()
                + " to " + target + "'s rows";
        TestTransaction transaction = session.transaction();
        for (ForeignKeyInfo key : references) {
            String parentColumn = tenantColumns.of(key.parent()).orElseThrow();
            RowCatalog rows = new RowCatalog(ownerCatalog());
            List<List<String>> own = rows.firstRows(key.parent(), key.parentColumns(),
                    Map.of(parentColumn, String.valueOf(actor.id())), 1);
            List<List<String>> theirs = rows.firstRows(key.parent(), key.parentColumns(),
                    Map.of(parentColumn, String.valueOf(target.id())), 1);
            if (own.isEmpty() || theirs.isEmpty()) {
                return header + ",\nbut the check would prove nothing: " + (own.isEmpty() ? actor : target)
                        + " has no row in " + key.parent().displayName() + " for foreign key " + key.name()
                        + " to point at. Seed one.";
            }
            RowMaker maker = makers.get();
            StatementOutcome control = null;
            RowMaker.Row row = null;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                RowMaker.Row made = maker.row(actor, actor);
                row = made.columns().containsAll(key.columns()) ? made : pointed(made, key, own.get(0));
                RowMaker.Row mine = row;
                control = transaction.isolated(connection -> {
                    transaction.activate(session.scope());
                    return Outcomes.run(connection, mine.sql(), mine.args());
                });
                if (control.kind() == OutcomeKind.POLICY_VIOLATION && maker.nextForPolicies(session.scope().role())) {
                    continue;
                }
                if (control.kind() != OutcomeKind.CONSTRAINT_VIOLATION || !maker.adjust(InsertProbe.culprit(control))) {
                    break;
                }
            }
            if (control.kind() == OutcomeKind.PERMISSION_DENIED) {
                continue;
            }
            if (control.failed()) {
                return header + ",\nbut the check would prove nothing: " + actor + " cannot insert a row pointing at"
                        + " its own row of " + key.parent().displayName() + " either: " + control.describe() + "\n  "
                        + control.statement() + "\nGive a row template: withRow(\"" + table.name()
                        + "\", Map.of(\"column\", value, ...)).";
            }
            RowMaker.Row cross = pointed(row, key, theirs.get(0));
            StatementOutcome outcome = transaction.isolated(connection -> {
                transaction.activate(session.scope());
                return immediately(connection, cross.sql(), cross.args());
            });
            if (outcome.kind().isDenial() || FOREIGN_KEY_VIOLATION.equals(outcome.sqlState())
                    || RAISED_BY_TRIGGER.equals(outcome.sqlState())) {
                continue;
            }
            if (!outcome.failed()) {
                return header + ",\nbut it inserted a row of its own whose foreign key " + key.name() + " ("
                        + String.join(", ", key.columns()) + ") points at " + target + "'s row of "
                        + key.parent().displayName() + ":\n  " + outcome.statement() + "\nForeign-key checks ignore"
                        + " row-level security. Make the key include the tenant column (" + tenantColumn + ", "
                        + String.join(", ", key.columns()) + ") REFERENCES " + key.parent().displayName() + " ("
                        + parentColumn + ", " + String.join(", ", key.parentColumns()) + "), or refuse it in the"
                        + " INSERT policy or a trigger.";
            }
            return header + ",\nbut the INSERT could not tell: " + outcome.describe() + "\n  " + outcome.statement()
                    + "\nThe same row pointing at " + actor + "'s own row was inserted.";
        }
        return null;
    }

    /**
     * The actor updates one row of its own so that a foreign key points at the target's parent row, one key at a time;
     * first, as the positive control, to the value it holds.
     */
    String attachByUpdate(Tenant actor, Tenant target, List<ForeignKeyInfo> references, TenantColumns tenantColumns)
            throws SQLException {
        ScopedSession session = run.tenant(actor);
        String header = "Expecting " + session.description() + " not to attach rows of " + table.displayName()
                + " to " + target + "'s rows by an UPDATE";
        TestTransaction transaction = session.transaction();
        String column = Identifiers.quote(tenantColumn);
        for (ForeignKeyInfo key : references) {
            String parentColumn = tenantColumns.of(key.parent()).orElseThrow();
            RowCatalog rows = new RowCatalog(ownerCatalog());
            List<List<String>> theirs = rows.firstRows(key.parent(), key.parentColumns(),
                    Map.of(parentColumn, String.valueOf(target.id())), UNIQUE_TRIES);
            if (theirs.isEmpty()) {
                return header + ",\nbut the check would prove nothing: " + target + " has no row in "
                        + key.parent().displayName() + " for foreign key " + key.name() + " to point at. Seed one.";
            }
            StringBuilder set = new StringBuilder();
            StringBuilder same = new StringBuilder();
            List<Integer> indexes = new ArrayList<>();
            Catalog catalog = ownerCatalog();
            for (int i = 0; i < key.columns().size(); i++) {
                String name = key.columns().get(i);
                if (!name.equals(tenantColumn)) {
                    set.append(set.length() == 0 ? "" : ", ").append(Identifiers.quote(name)).append(" = ?::")
                            .append(catalog.column(table, name).map(ColumnInfo::type).orElse("text"));
                    same.append(same.length() == 0 ? "" : ", ").append(Identifiers.quote(name)).append(" = ")
                            .append(Identifiers.quote(name));
                    indexes.add(i);
                }
            }
            String where = " WHERE ctid = (SELECT ctid FROM " + table.qualifiedName() + " WHERE " + column + " = ?::"
                    + tenantType + " ORDER BY ctid LIMIT 1)";
            StatementOutcome control = transaction.isolated(connection -> {
                transaction.activate(session.scope());
                return Outcomes.run(connection, "UPDATE " + table.qualifiedName() + " SET " + same + where, actor);
            });
            if (control.kind() == OutcomeKind.PERMISSION_DENIED) {
                continue;
            }
            if (!control.failed() && control.rowCount() == 0) {
                // no UPDATE policy lets the actor touch its own row; the cross UPDATE aims at the same row
                continue;
            }
            if (control.failed()) {
                return header + ",\nbut the check would prove nothing: " + actor + " cannot update the foreign key of"
                        + " a row of its own even to the value it holds: " + control.describe() + "\n  "
                        + control.statement()
                        + "\nWhere tenants may not change " + String.join(", ", key.columns()) + ", revoke UPDATE of"
                        + " it; else leave the command out: excludingCommand(\"" + table.name() + "\", \"UPDATE\").";
            }
            StatementOutcome outcome = null;
            StatementOutcome unique = null;
            String apart = "";
            // a unique key over the foreign key's columns may already pair the target's parent row with the values of
            // the actor's row: other rows of the actor's, and other parent rows of the target's, are tried then
            for (int tried = 0; tried < UNIQUE_TRIES * theirs.size()
                    && (outcome == null || UNIQUE_VIOLATION.equals(outcome.sqlState())); tried++) {
                String update = "UPDATE " + table.qualifiedName() + " SET " + set + apart + where.replace("LIMIT 1",
                        "LIMIT 1 OFFSET " + tried / theirs.size());
                List<String> parent = theirs.get(tried % theirs.size());
                outcome = transaction.isolated(connection -> {
                    transaction.activate(session.scope());
                    return immediately(connection, update, arguments(parent, indexes, actor));
                });
                if (UNIQUE_VIOLATION.equals(outcome.sqlState())) {
                    unique = outcome;
                    apart = apart.isEmpty() ? apart(InsertProbe.culprit(outcome), key) : apart;
                }
            }
            if (unique != null && !outcome.failed() && outcome.rowCount() == 0) {
                // past the actor's last row: every row tried met the unique key
                outcome = unique;
            }
            if (outcome.kind().isDenial() || FOREIGN_KEY_VIOLATION.equals(outcome.sqlState())
                    || RAISED_BY_TRIGGER.equals(outcome.sqlState()) || !outcome.failed() && outcome.rowCount() == 0) {
                continue;
            }
            if (!outcome.failed()) {
                return header + ",\nbut it updated a row of its own so that its foreign key " + key.name() + " ("
                        + String.join(", ", key.columns()) + ") points at " + target + "'s row of "
                        + key.parent().displayName() + ":\n  " + outcome.statement() + "\nForeign-key checks ignore"
                        + " row-level security. Make the key include the tenant column (" + tenantColumn + ", "
                        + String.join(", ", key.columns()) + ") REFERENCES " + key.parent().displayName() + " ("
                        + parentColumn + ", " + String.join(", ", key.parentColumns()) + "), or refuse it in the"
                        + " UPDATE policy's WITH CHECK or a trigger.";
            }
            return header + ",\nbut the UPDATE could not tell: " + outcome.describe() + "\n  " + outcome.statement()
                    + "\nThe same UPDATE pointing at " + actor + "'s own row succeeded.";
        }
        return null;
    }

    /**
     * Runs a statement, then the checks of deferred constraints it queued (a deferrable foreign key), which would run
     * at a COMMIT that the test's transaction never reaches; the savepoint's rollback restores their mode.
     */
    private static StatementOutcome immediately(Connection connection, String sql, Object... args) {
        StatementOutcome outcome = Outcomes.run(connection, sql, args);
        if (outcome.failed()) {
            return outcome;
        }
        StatementOutcome deferred = Outcomes.run(connection, "SET CONSTRAINTS ALL IMMEDIATE");
        return deferred.failed() ? deferred : outcome;
    }

    /**
     * For a unique key that the foreign key's new value collides with: its text columns besides the foreign key's, set
     * apart ({@code , version = version || '-rls-testkit'}), so that the UPDATE reaches the foreign-key check.
     */
    private String apart(String constraint, ForeignKeyInfo key) throws SQLException {
        Catalog catalog = ownerCatalog();
        StringBuilder set = new StringBuilder();
        for (String name : new RowCatalog(catalog).constraintColumns(table).getOrDefault(constraint, List.of())) {
            if (!key.columns().contains(name) && !name.equals(tenantColumn) && catalog.column(table, name)
                    .map(ColumnInfo::typeCategory).filter("S"::equals).isPresent()) {
                set.append(", ").append(Identifiers.quote(name)).append(" = ").append(Identifiers.quote(name))
                        .append(" || '-rls-testkit'");
            }
        }
        return set.toString();
    }

    private static Object[] arguments(List<String> parent, List<Integer> indexes, Tenant actor) {
        List<Object> arguments = new ArrayList<>();
        indexes.forEach(i -> arguments.add(parent.get(i)));
        arguments.add(actor);
        return arguments.toArray();
    }

    /** The row with a foreign key's columns, besides the tenant column, set to a parent row's values. */
    private RowMaker.Row pointed(RowMaker.Row row, ForeignKeyInfo key, List<String> parent) throws SQLException {
        List<String> columns = new ArrayList<>(row.columns());
        List<String> types = new ArrayList<>(row.types());
        List<Object> values = new ArrayList<>(row.values());
        Catalog catalog = ownerCatalog();
        for (int i = 0; i < key.columns().size(); i++) {
            String column = key.columns().get(i);
            if (column.equals(tenantColumn)) {
                continue;
            }
            int index = columns.indexOf(column);
            if (index < 0) {
                columns.add(column);
                types.add(catalog.column(table, column).map(ColumnInfo::type).orElse("text"));
                values.add(parent.get(i));
            } else {
                values.set(index, parent.get(i));
            }
        }
        return new RowMaker.Row(table, columns, types, values);
    }

    /**
     * The actor updates the tenant column of its own rows to the target's id: aimed at them with a WHERE clause, then
     * blind, with none (an UPDATE that reads no column is not held to the SELECT policies for its new rows).
     */
    String move(Tenant actor, Tenant target) throws SQLException {
        ScopedSession session = run.tenant(actor);
        String header = "Expecting " + session.description() + " not to move its rows of " + table.displayName()
                + " to " + target;
        String column = Identifiers.quote(tenantColumn);
        String count = "SELECT count(*) AS n FROM " + table.qualifiedName() + " WHERE " + column + " = ?::" + tenantType;
        String blind = "UPDATE " + table.qualifiedName() + " SET " + column + " = ?::" + tenantType;
        String aimed = blind + " WHERE " + column + " = ?::" + tenantType;
        TestTransaction transaction = session.transaction();
        long own = transaction.isolated(connection -> {
            transaction.activate(session.scope());
            return Outcomes.count(Outcomes.run(connection, count, actor));
        });
        if (own == 0) {
            return header + ",\nbut the check would prove nothing: " + actor + " sees none of its own rows there.";
        }
        for (Object[] update : List.of(new Object[] {aimed, target, actor}, new Object[] {blind, target})) {
            Moved moved = transaction.isolated(connection -> {
                transaction.activate(run.scopes().owner());
                long before = Outcomes.count(Outcomes.run(connection, count, target));
                transaction.activate(session.scope());
                StatementOutcome outcome = Outcomes.run(connection, (String) update[0],
                        Arrays.copyOfRange(update, 1, update.length));
                transaction.activate(run.scopes().owner());
                return new Moved(outcome, Outcomes.count(Outcomes.run(connection, count, target)) - before);
            });
            StatementOutcome outcome = moved.outcome();
            if (outcome.kind().isDenial() || RAISED_BY_TRIGGER.equals(outcome.sqlState())
                    || !outcome.failed() && moved.rows() == 0) {
                continue;
            }
            if (!outcome.failed()) {
                return header + ",\nbut an UPDATE of the tenant column moved " + Plurals.count(moved.rows(), "row")
                        + " to " + target
                        + ":\n  " + outcome.statement() + "\nThe UPDATE policies' WITH CHECK must pin " + tenantColumn
                        + " to the tenant's own id.\n" + policies("UPDATE");
            }
            return header + ",\nbut only a constraint refused the move, not a policy: " + outcome.describe() + "\n  "
                    + outcome.statement() + "\nThe UPDATE policies' WITH CHECK must pin " + tenantColumn + " to the"
                    + " tenant's own id.\n" + policies("UPDATE");
        }
        return null;
    }

    /** An UPDATE of the tenant column, and how many rows the target gained by it, as the owner counts them. */
    private record Moved(StatementOutcome outcome, long rows) {
    }

    /** The actor runs TRUNCATE on the table, which ignores row-level security. */
    String truncate(Tenant actor, Tenant target) throws SQLException {
        ScopedSession session = run.tenant(actor);
        String header = "Expecting " + session.description() + " not to TRUNCATE " + table.displayName();
        String count = "SELECT count(*) AS n FROM " + table.qualifiedName() + " WHERE " + Identifiers.quote(tenantColumn)
                + " = ?::" + tenantType;
        TestTransaction transaction = session.transaction();
        Object[] result = transaction.isolated(connection -> {
            transaction.activate(run.scopes().owner());
            long before = Outcomes.count(Outcomes.run(connection, count, target));
            transaction.activate(session.scope());
            StatementOutcome outcome = Outcomes.run(connection, "TRUNCATE " + table.qualifiedName());
            transaction.activate(run.scopes().owner());
            return new Object[] {outcome, before, Outcomes.count(Outcomes.run(connection, count, target))};
        });
        StatementOutcome outcome = (StatementOutcome) result[0];
        long before = (Long) result[1];
        if (before == 0) {
            return header + ",\nbut the check would prove nothing: " + target + " has no rows there.";
        }
        if (outcome.kind() == OutcomeKind.PERMISSION_DENIED) {
            return null;
        }
        String role = session.scope().role() == null ? "its role" : "role " + session.scope().role();
        String fix = truncateFix(run, session, table);
        if (!outcome.failed()) {
            return header + ",\nbut it emptied the table: " + target + "'s rows went from " + before + " to "
                    + result[2] + ":\n  " + outcome.statement() + fix;
        }
        return header + ",\nbut " + role + " holds the TRUNCATE privilege; only this stopped it: " + outcome.describe()
                + "\n  " + outcome.statement() + fix;
    }

    /**
     * What to do of the TRUNCATE privilege the session's role holds, by where it comes from: a grant, the table's
     * ownership, or membership of its owner.
     */
    static String truncateFix(TestRun run, ScopedSession session, TableInfo table) throws SQLException {
        Optional<PrivilegeCatalog.TablePrivilege> held = new PrivilegeCatalog(run.transaction()
                .ownerCatalog(run.scopes().owner())).truncate(session.scope().role(), table.oid());
        if (held.isEmpty()) {
            return "\nTRUNCATE ignores row-level security.";
        }
        List<String> holders = List.of(held.get().role());
        Function<String, String> named = role -> role + ", the tenant scope's role";
        return "\n" + (held.get().asOwner() ? TruncateHolders.owned(held.get().table(), holders, named)
                : TruncateHolders.granted(held.get().table(), holders, named));
    }

    /**
     * The settings the table's policies read, other than the tenant's own, directly or in the SQL and PL/pgSQL
     * functions they call, each with the values to try: the literals those texts compare values with, and {@code on},
     * {@code true}, {@code 1}.
     *
     * @param functions the source of each function policies call, by signature ({@code public.is_support()})
     */
    static Map<String, List<String>> otherSettings(List<PolicyInfo> policies, Map<String, String> functions,
                                                   Set<String> tenantSettings) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (String text : PolicyFunctions.texts(policies, functions)) {
            for (String setting : Catalog.settingsIn(text)) {
                if (!tenantSettings.contains(setting)) {
                    List<String> values = settings.computeIfAbsent(setting, key -> new ArrayList<>());
                    Matcher literal = LITERAL.matcher(text);
                    while (literal.find() && values.size() < MAX_VALUES) {
                        String value = literal.group(1).replace("''", "'");
                        if (!value.equals(setting) && !values.contains(value)) {
                            values.add(value);
                        }
                    }
                }
            }
        }
        settings.values().forEach(values -> List.of("on", "true", "1").stream().filter(value -> !values.contains(value))
                .forEach(values::add));
        return settings;
    }

    /** The actor sets each other setting to each of its values, and must still see none of the target's rows. */
    String liftBySetting(Tenant actor, Tenant target, Map<String, List<String>> settings) throws SQLException {
        ScopedSession session = run.tenant(actor);
        String header = "Expecting " + session.description() + " to see none of " + target + "'s rows of "
                + table.displayName() + " whatever other setting it sets";
        String count = "SELECT count(*) AS n FROM " + table.qualifiedName() + " WHERE " + Identifiers.quote(tenantColumn)
                + " = ?::" + tenantType;
        TestTransaction transaction = session.transaction();
        long theirs = transaction.isolated(connection -> {
            transaction.activate(run.scopes().owner());
            return Outcomes.count(Outcomes.run(connection, count, target));
        });
        if (theirs == 0) {
            return header + ",\nbut the check would prove nothing: " + target + " has no rows there.";
        }
        for (Map.Entry<String, List<String>> setting : settings.entrySet()) {
            for (String value : setting.getValue()) {
                long seen = transaction.isolated(connection -> {
                    transaction.activate(session.scope());
                    Outcomes.run(connection, "SELECT set_config(?, ?, true)", setting.getKey(), value);
                    return Outcomes.count(Outcomes.run(connection, count, target));
                });
                if (seen > 0) {
                    return header + ",\nbut with " + setting.getKey() + " = '" + value + "' it sees " + seen + " of "
                            + target + "'s " + Plurals.count(theirs, "row") + ": any session can set a custom setting.\n"
                            + "Read only settings the application sets for the tenant, or check the role instead.\n"
                            + policies("SELECT");
                }
            }
        }
        return null;
    }

    private String policies(String command) throws SQLException {
        List<PolicyInfo> policies = ownerCatalog().policies(table).stream()
                .filter(policy -> policy.appliesTo(command)).toList();
        if (policies.isEmpty()) {
            return "No policy on " + table.displayName() + " for " + command + ".";
        }
        return "Policies on " + table.displayName() + " for " + command + ":"
                + policies.stream().map(policy -> "\n  " + policy.describe()).collect(Collectors.joining());
    }

    private Catalog ownerCatalog() throws SQLException {
        return run.transaction().ownerCatalog(run.scopes().owner());
    }
}
