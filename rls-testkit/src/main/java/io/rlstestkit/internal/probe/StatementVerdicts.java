package io.rlstestkit.internal.probe;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Judges how a statement ended against what a test expects of it. Each method returns {@code null} where the
 * expectation holds, else the failure message: what was expected, what happened, and why where the kit can tell.
 */
@API(status = INTERNAL)
public final class StatementVerdicts {

    private StatementVerdicts() {
    }

    /**
     * A row-level security policy rejected the statement, and nothing else: not "permission denied" (a missing
     * privilege), not a constraint violation, not a recursive policy.
     */
    public static String violatesPolicy(StatementOutcome actual) {
        if (actual.kind() == OutcomeKind.POLICY_VIOLATION) {
            return null;
        }
        boolean touchedNothing = actual.kind() == OutcomeKind.SUCCEEDED && !actual.producedRows()
                && actual.rowCount() == 0;
        return expecting(actual, "to violate a row-level security policy") + "but " + actual.describe()
                + (touchedNothing ? "\nIt touched no row, so no WITH CHECK was evaluated: the scope sees none of the"
                + " rows the statement aims at." : explain(actual.kind(), "a policy"));
    }

    /** The statement was refused for lack of a privilege ({@code permission denied}), not by a policy. */
    public static String isPermissionDenied(StatementOutcome actual) {
        if (actual.kind() == OutcomeKind.PERMISSION_DENIED) {
            return null;
        }
        return expecting(actual, "to be refused for lack of a privilege (permission denied)") + "but "
                + actual.describe() + explain(actual.kind(), "a privilege");
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
        return expecting(actual, "to succeed") + "but " + actual.describe() + explain(actual.kind(), "success");
    }

    /** The statement ran and inserted, updated, deleted (or returned) exactly that many rows. */
    public static String affectsRows(StatementOutcome actual, long expected) {
        if (!actual.failed() && actual.rowCount() == expected) {
            return null;
        }
        return expecting(actual, "to affect " + StatementOutcome.rows(expected)) + "but " + actual.describe()
                + (actual.failed() ? explain(actual.kind(), "rows") : "");
    }

    private static String expecting(StatementOutcome actual, String what) {
        return "\nExpecting statement:\n  " + actual.statement() + "\n" + what + "\n";
    }

    private static String explain(OutcomeKind kind, String wanted) {
        return switch (kind) {
            case PERMISSION_DENIED -> wanted.equals("a privilege") ? ""
                    : "\nA privilege is missing, so no policy was consulted: grant the privilege to the role and let"
                    + " a policy decide, or assert isPermissionDenied().";
            case POLICY_VIOLATION -> wanted.equals("a policy") ? ""
                    : "\nA row-level security policy rejected the row.";
            case CONSTRAINT_VIOLATION -> "\nA constraint is not a row-level security policy: the statement failed"
                    + " for another reason than isolation.";
            case POLICY_RECURSION -> "\nA policy on the table reads the table itself; read it through a SECURITY"
                    + " DEFINER function instead.";
            case SUCCEEDED -> wanted.equals("a policy") ? "\nNo policy stopped it: check the policy's WITH CHECK."
                    : "";
            case OTHER_ERROR -> "";
        };
    }
}
