package io.rlstestkit.assertion;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a statement run in a scope ended. The statement has run, and was rolled back, before the first
 * assertion is called.
 * <pre>{@code
 * assertThat(b).execute("insert into invoices (tenant_id, amount) values (?, 10)", a.id()).violatesPolicy();
 * }</pre>
 */
public class StatementAssert extends AbstractAssert<StatementAssert, StatementOutcome> {

    /** Assertions on an outcome. */
    public StatementAssert(StatementOutcome actual) {
        super(actual, StatementAssert.class);
    }

    /**
     * Passes where a row-level security policy rejected the statement, and nothing else: not "permission denied"
     * (a missing privilege), not a constraint violation, not a recursive policy.
     */
    public StatementAssert violatesPolicy() {
        isNotNull();
        if (actual.kind() != OutcomeKind.POLICY_VIOLATION) {
            boolean touchedNothing = actual.kind() == OutcomeKind.SUCCEEDED && !actual.producedRows()
                    && actual.rowCount() == 0;
            throw failure(Failures.literal(expecting("to violate a row-level security policy") + "but "
                    + actual.describe() + (touchedNothing ? "\nIt touched no row, so no WITH CHECK was evaluated: the"
                    + " scope sees none of the rows the statement aims at." : explain(actual.kind(), "a policy"))));
        }
        return this;
    }

    /** Passes where the statement was refused for lack of a privilege ({@code permission denied}), not by a policy. */
    public StatementAssert isPermissionDenied() {
        isNotNull();
        if (actual.kind() != OutcomeKind.PERMISSION_DENIED) {
            throw failure(Failures.literal(expecting("to be refused for lack of a privilege (permission denied)")
                    + "but " + actual.describe() + explain(actual.kind(), "a privilege")));
        }
        return this;
    }

    /** Passes where a recursive policy stopped the statement ({@code infinite recursion detected in policy}). */
    public StatementAssert hitsPolicyRecursion() {
        isNotNull();
        if (actual.kind() != OutcomeKind.POLICY_RECURSION) {
            throw failure(Failures.literal(expecting("to hit a recursive policy (42P17)") + "but " + actual.describe()));
        }
        return this;
    }

    /**
     * Passes where a constraint (SQLSTATE class 23: a unique key, a foreign key, a check) stopped the statement; a
     * duplicate key on a row the scope cannot see is such a case, and is not a policy denial.
     */
    public StatementAssert violatesConstraint() {
        isNotNull();
        if (actual.kind() != OutcomeKind.CONSTRAINT_VIOLATION) {
            throw failure(Failures.literal(expecting("to violate a constraint (SQLSTATE class 23)") + "but "
                    + actual.describe()));
        }
        return this;
    }

    /** Passes where the statement ran without error. */
    public StatementAssert succeeds() {
        isNotNull();
        if (actual.failed()) {
            throw failure(Failures.literal(expecting("to succeed") + "but " + actual.describe()
                    + explain(actual.kind(), "success")));
        }
        return this;
    }

    /** Passes where the statement ran and touched no row. */
    public StatementAssert affectsNoRows() {
        return affectsRows(0);
    }

    /** Passes where the statement ran and inserted, updated, deleted (or returned) exactly that many rows. */
    public StatementAssert affectsRows(long expected) {
        isNotNull();
        if (actual.failed() || actual.rowCount() != expected) {
            throw failure(Failures.literal(expecting("to affect " + StatementOutcome.rows(expected)) + "but "
                    + actual.describe() + (actual.failed() ? explain(actual.kind(), "rows") : "")));
        }
        return this;
    }

    private String expecting(String what) {
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
