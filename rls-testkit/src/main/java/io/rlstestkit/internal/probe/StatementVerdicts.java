package io.rlstestkit.internal.probe;

import org.apiguardian.api.API;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Judges how a statement ended against what a test expects of it. Each method returns {@code null} where the
 * expectation holds, else the failure message: what was expected, what happened, and why where the kit can tell.
 */
@API(status = INTERNAL)
public final class StatementVerdicts {

    private static final Pattern DENIED = Pattern.compile("^permission denied for (\\w+) (\\S+)");

    private StatementVerdicts() {
    }

    /**
     * A row-level security policy of the table the statement writes to rejected the statement, and nothing else: not
     * "permission denied" (a missing privilege), not a constraint violation, not a recursive policy, not another
     * table's policy refusing a row that a trigger or function of the statement wrote.
     */
    public static String violatesPolicy(StatementOutcome actual) {
        if (actual.kind() == OutcomeKind.POLICY_VIOLATION) {
            String refused = actual.refusedTable();
            String target = actual.targetTable();
            // Without a context the statement itself was refused (through a view, by its base table's policy);
            // with one, code it ran (a trigger, a function) wrote the row, and only the target's own policy counts.
            boolean own = actual.where() == null || refused != null && refused.equals(target);
            return own ? null : expecting(actual, "to violate a row-level security policy"
                    + (target == null ? "" : " of " + target)) + "but " + refusedElsewhere(actual, refused);
        }
        boolean touchedNothing = actual.kind() == OutcomeKind.SUCCEEDED && !actual.producedRows()
                && actual.rowCount() == 0;
        return expecting(actual, "to violate a row-level security policy") + "but " + actual.describe()
                + (touchedNothing ? "\nIt touched no row, so no WITH CHECK was evaluated: the scope sees none of the"
                + " rows the statement aims at." : explain(actual, "a policy"));
    }

    /**
     * A row-level security policy of the given table rejected a row the statement wrote, directly or through a
     * trigger or function it ran.
     */
    public static String violatesPolicyOn(StatementOutcome actual, String table) {
        String wanted = StatementOutcome.relationName(table);
        if (actual.kind() == OutcomeKind.POLICY_VIOLATION) {
            String refused = actual.refusedTable();
            if (refused != null ? refused.equals(wanted) : wanted.equals(actual.targetTable())) {
                return null;
            }
            return expecting(actual, "to violate a row-level security policy of " + wanted) + "but "
                    + (refused == null ? actual.describe() + "\nThe server's message names no table."
                    : "the policy of " + refused + " refused it: " + actual.error());
        }
        return expecting(actual, "to violate a row-level security policy of " + wanted) + "but " + actual.describe()
                + explain(actual, "a policy");
    }

    private static String refusedElsewhere(StatementOutcome actual, String refused) {
        String table = refused == null ? "another table" : refused;
        return "the row-level security policy of " + table + " refused a row that code the statement ran wrote"
                + (actual.where() == null ? "" : " (" + actual.where().replace("\n", "; ") + ")") + ": "
                + actual.error() + "\nThe statement's own table did not refuse it. If the refusal of " + table
                + " is what the test means, assert violatesPolicyOn(\"" + table + "\"); if not, give " + table
                + " a policy that lets that write through.";
    }

    /** The statement was refused for lack of a privilege ({@code permission denied}), not by a policy. */
    public static String isPermissionDenied(StatementOutcome actual) {
        if (actual.kind() == OutcomeKind.PERMISSION_DENIED) {
            return null;
        }
        return expecting(actual, "to be refused for lack of a privilege (permission denied)") + "but "
                + actual.describe() + explain(actual, "a privilege");
    }

    /** A recursive policy stopped the statement ({@code infinite recursion detected in policy}). */
    public static String hitsPolicyRecursion(StatementOutcome actual) {
        if (actual.kind() == OutcomeKind.POLICY_RECURSION) {
            return null;
        }
        return expecting(actual, "to hit a recursive policy (42P17)") + "but " + actual.describe();
    }

    /** A constraint (SQLSTATE class 23) stopped the statement. */
    public static String violatesConstraint(StatementOutcome actual) {
        if (actual.kind() == OutcomeKind.CONSTRAINT_VIOLATION) {
            return null;
        }
        return expecting(actual, "to violate a constraint (SQLSTATE class 23)") + "but " + actual.describe();
    }

    /** The statement ran without error. */
    public static String succeeds(StatementOutcome actual) {
        if (!actual.failed()) {
            return null;
        }
        return expecting(actual, "to succeed") + "but " + actual.describe() + explain(actual, "success");
    }

    /** The statement ran and inserted, updated, deleted (or returned) exactly that many rows. */
    public static String affectsRows(StatementOutcome actual, long expected) {
        if (!actual.failed() && actual.rowCount() == expected) {
            return null;
        }
        return expecting(actual, "to affect " + StatementOutcome.rows(expected)) + "but " + actual.describe()
                + (actual.failed() ? explain(actual, "rows") : "");
    }

    private static String expecting(StatementOutcome actual, String what) {
        return "\nExpecting statement:\n  " + actual.statement() + "\n" + what + "\n";
    }

    private static String explain(StatementOutcome actual, String wanted) {
        return switch (actual.kind()) {
            case PERMISSION_DENIED -> wanted.equals("a privilege") ? "" : rowSecurityOff(actual)
                    ? "\nThe session runs with row_security = off, and a policy applies to the table: PostgreSQL"
                    + " refuses the query rather than skip the policy. No grant is missing: remove the SET"
                    + " row_security = off (or set it on) for this role, or follow the server's hint."
                    : "\nA privilege is missing, so no policy was consulted: " + grantAdvice(actual) + " and let"
                    + " a policy decide, or assert isPermissionDenied().";
            case POLICY_VIOLATION -> wanted.equals("a policy") ? ""
                    : "\nA row-level security policy rejected the row.";
            case CONSTRAINT_VIOLATION -> "\nA constraint is not a row-level security policy: the statement failed"
                    + " for another reason than isolation.";
            case POLICY_RECURSION -> "\nA policy on the table reads the table itself; read it through a SECURITY"
                    + " DEFINER function instead.";
            case RAISED_BY_APPLICATION -> "\nThe error was raised by the application's code (a RAISE"
                    + (actual.where() == null ? "" : ": " + actual.where().replace("\n", "; ")) + "), not by"
                    + " PostgreSQL's row-level security or privilege checks: no policy decided this.";
            case SUCCEEDED -> wanted.equals("a policy") ? "\nNo policy stopped it: check the policy's WITH CHECK."
                    : "";
            case OTHER_ERROR -> "";
        };
    }

    /** The grant the server's message asks for, following the object it names. */
    private static String grantAdvice(StatementOutcome actual) {
        Matcher denied = DENIED.matcher(actual.message() == null ? "" : actual.message());
        if (!denied.find()) {
            return "grant the privilege to the role";
        }
        String object = denied.group(2);
        return switch (denied.group(1)) {
            case "sequence" -> "grant the role USAGE on the sequence (GRANT USAGE ON SEQUENCE " + object
                    + " TO ...; a serial or identity column draws its default from it)";
            case "schema" -> "grant the role USAGE on the schema (GRANT USAGE ON SCHEMA " + object + " TO ...)";
            case "function" -> "grant the role EXECUTE on the function (GRANT EXECUTE ON FUNCTION " + object
                    + " TO ...)";
            default -> "grant the privilege on " + denied.group(1) + " " + object + " to the role";
        };
    }

    /** The refusal of a session with {@code row_security = off} that a policy would affect. */
    private static boolean rowSecurityOff(StatementOutcome actual) {
        return "check_enable_rls".equals(actual.routine()) || actual.message() != null
                && actual.message().startsWith("query would be affected by row-level security policy");
    }
}
