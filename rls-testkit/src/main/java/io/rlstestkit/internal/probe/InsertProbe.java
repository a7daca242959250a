package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.report.Proof;
import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.SessionContext;
import io.rlstestkit.internal.scope.TestTransaction;
import org.apiguardian.api.API;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Checks that a tenant cannot insert a row for another tenant: first, as the positive control, the tenant inserts
 * the same kind of row for itself, which must succeed (a constraint that refuses the made row moves the maker on to
 * other values); then the row for the other tenant, which a policy or a missing privilege must refuse. Each insert
 * runs in a savepoint that is rolled back.
 */
@API(status = INTERNAL)
public final class InsertProbe {

    private static final int ATTEMPTS = 16;
    /** How many rows of other values the probe tries where a policy refuses the tenant's own row. */
    private static final int POLICY_ROUNDS = 24;
    private static final int SHOWN = 8;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");
    private static final Pattern COLUMN = Pattern.compile("column \"([^\"]+)\"");

    private final SessionContext run;
    private final TableInfo table;
    private final String tenantColumn;
    private final RowMaker maker;
    private final String templateHint;

    /**
     * An insert probe of a table.
     *
     * @param run          the test's sessions and scopes
     * @param table        the table
     * @param tenantColumn its tenant column
     * @param maker        the maker of the rows to insert
     * @param templateHint what to tell the user where no row can be made
     */
    public InsertProbe(SessionContext run, TableInfo table, String tenantColumn, RowMaker maker, String templateHint) {
        this.run = run;
        this.table = table;
        this.tenantColumn = tenantColumn;
        this.maker = maker;
        this.templateHint = templateHint;
    }

    /** Runs the check; returns {@code null} where it held, else the failure message. */
    public String check(Tenant inserting, Tenant target) {
        ScopedSession session = run.session(run.tenantScope(inserting));
        String header = "Expecting " + session.description() + " not to insert rows for " + target + " into "
                + table.displayName();
        try {
            String failure = probe(session, inserting, target, header);
            ProofLog.instance().record(new Proof(run.source(), run.environmentLabel(), table.displayName(),
                    session.scope().label(), "INSERT", "cannot", target.toString(), failure == null));
            return failure;
        } catch (RowMaker.CannotMake e) {
            return header + ",\nbut the matrix cannot make a row to insert: " + e.getMessage() + ".\n" + templateHint;
        } catch (SQLException e) {
            return header + ",\nbut the check could not run: " + e.getSQLState() + " " + e.getMessage();
        }
    }

    private String probe(ScopedSession session, Tenant inserting, Tenant target, String header) throws SQLException {
        TestTransaction transaction = session.transaction();
        RowMaker.Row own = null;
        StatementOutcome control = null;
        boolean vacate = false;
        maker.forgetTried();
        for (int attempt = 0; attempt < ATTEMPTS + POLICY_ROUNDS; attempt++) {
            own = maker.row(inserting, inserting);
            RowMaker.Row row = own;
            boolean room = vacate;
            control = transaction.isolated(connection -> {
                if (room) {
                    transaction.activate(run.ownerScope());
                    Vacancy.vacate(connection, table, tenantColumn, type(row), inserting);
                }
                transaction.activate(session.scope());
                return Outcomes.run(connection, row.sql(), row.args());
            });
            if (control.kind() == OutcomeKind.POLICY_VIOLATION) {
                if (maker.policyValuesTried().size() < POLICY_ROUNDS && maker.nextForPolicies(session.scope().role())) {
                    continue;
                }
                break;
            }
            if (control.kind() != OutcomeKind.CONSTRAINT_VIOLATION) {
                break;
            }
            if (!vacate && UNIQUE_VIOLATION.equals(control.sqlState()) && maker.columnsOf(culprit(control)).isEmpty()) {
                // A key of the tenant column alone: the tenant has its row; make room for the probe's.
                vacate = true;
            } else if (!maker.adjust(culprit(control))) {
                break;
            }
        }
        if (control.kind() == OutcomeKind.POLICY_VIOLATION) {
            String column = maker.policyColumn();
            List<String> tried = maker.policyValuesTried();
            return header + ",\nbut it is unproven: " + inserting + " cannot insert a row for itself either. The"
                    + " policies refused every row tried, with " + String.join("; ", tried.size() <= SHOWN ? tried
                    : tried.subList(0, SHOWN)) + (tried.size() <= SHOWN ? "" : "; and " + (tried.size() - SHOWN)
                    + " more") + "; the last:\n  " + control.describe() + "\n  " + control.statement()
                    + "\nA refusal of " + target + "'s row by policies that refused every own row proves nothing: a row"
                    + " with other values might pass.\n" + policies(transaction) + "\nGive a row " + inserting
                    + " may insert: withRow(\"" + table.name() + "\", Map.of(\"" + (column.isEmpty() ? "column"
                    : column) + "\", ...)); where tenants may not insert into " + table.displayName() + " at all,"
                    + " leave the command out: excludingCommand(\"" + table.name() + "\", \"INSERT\").";
        }
        if (control.kind().isDenial()) {
            return header + ",\nbut the check would prove nothing: " + inserting + " cannot insert the same kind of row"
                    + " for itself either: " + control.describe() + "\n  " + control.statement() + "\nso a refusal for "
                    + target + " would prove nothing about the policies. Grant INSERT and add a policy that lets a"
                    + " tenant insert its own rows; where tenants may not insert into " + table.displayName()
                    + " at all, leave the command out: excludingCommand(\"" + table.name() + "\", \"INSERT\").";
        }
        if (control.failed()) {
            List<String> columns = control.kind() == OutcomeKind.CONSTRAINT_VIOLATION
                    ? maker.columnsOf(culprit(control)) : List.of();
            return header + ",\nbut the matrix cannot make a row to insert: even for " + inserting + " itself, "
                    + control.describe() + "\n  " + control.statement() + "\n" + (columns.isEmpty() ? templateHint
                    : "Give a row template with a value for " + String.join(", ", columns) + ": withRow(\""
                    + table.name() + "\", Map.of(\"" + columns.get(0) + "\", ...)).");
        }
        RowMaker.Row row = maker.row(target, inserting);
        String where = " WHERE " + Identifiers.quote(tenantColumn) + " = ?::" + type(row);
        String count = "SELECT count(*) AS n FROM " + table.qualifiedName() + where;
        boolean room = vacate;
        Attempt attempt = transaction.isolated(connection -> {
            transaction.activate(run.ownerScope());
            if (room) {
                Vacancy.vacate(connection, table, tenantColumn, type(row), target);
            }
            long before = Outcomes.count(Outcomes.run(connection, count, target));
            transaction.activate(session.scope());
            StatementOutcome inserted = Outcomes.run(connection, row.sql(), row.args());
            if (inserted.failed()) {
                return new Attempt(inserted, 0);
            }
            transaction.activate(run.ownerScope());
            return new Attempt(inserted, Outcomes.count(Outcomes.run(connection, count, target)) - before);
        });
        StatementOutcome outcome = attempt.outcome();
        long added = attempt.added();
        if (outcome.kind().isDenial() || !outcome.failed() && added == 0) {
            return null;
        }
        if (!outcome.failed()) {
            return header + ",\nbut an INSERT of a row for " + target + " succeeded:\n  " + outcome.statement() + "\n"
                    + policies(transaction);
        }
        return header + ",\nbut the INSERT could not tell: " + outcome.describe() + "\n  " + outcome.statement()
                + "\nThe same kind of row for " + inserting + " itself was inserted, so the difference is the"
                + " tenant's: " + templateHint;
    }

    /** The constraint (or column) a constraint violation names. */
    public static String culprit(StatementOutcome outcome) {
        Matcher constraint = CONSTRAINT.matcher(outcome.message());
        if (constraint.find()) {
            return constraint.group(1);
        }
        Matcher column = COLUMN.matcher(outcome.message());
        return column.find() ? column.group(1) : "";
    }

    private String type(RowMaker.Row row) {
        return row.types().get(row.columns().indexOf(tenantColumn));
    }

    private String policies(TestTransaction transaction) throws SQLException {
        Catalog catalog = transaction.ownerCatalog(run.ownerScope());
        List<PolicyInfo> policies = catalog.policies(table).stream().filter(policy -> policy.appliesTo("INSERT"))
                .toList();
        if (policies.isEmpty()) {
            return "No policy on " + table.displayName() + " for INSERT"
                    + (table.rlsEnabled() ? "." : "; row-level security is not enabled on it.");
        }
        return "Policies on " + table.displayName() + " for INSERT:"
                + policies.stream().map(policy -> "\n  " + policy.describe()).collect(Collectors.joining())
                + (table.rlsEnabled() ? "" : "\nRow-level security is not enabled on " + table.displayName() + ".");
    }

    /** The INSERT for the other tenant, and how many rows of that tenant it added, as the owner counts them. */
    private record Attempt(StatementOutcome outcome, long added) {
    }
}
