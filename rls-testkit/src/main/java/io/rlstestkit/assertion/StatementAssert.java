package io.rlstestkit.assertion;

import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.probe.StatementVerdicts;
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
     * Passes where a row-level security policy of the table the statement targets rejected it, and nothing else: not
     * "permission denied" (a missing privilege), not a constraint violation, not a recursive policy, not an error
     * the application's code raised, not another table's policy refusing a trigger's write (see
     * {@link #violatesPolicyOn(String)}).
     */
    public StatementAssert violatesPolicy() {
        isNotNull();
        return holds(StatementVerdicts.violatesPolicy(actual));
    }

    /**
     * Passes where a row-level security policy of the given table refused a row the statement wrote, directly or
     * through a trigger or function it ran: for a refusal of another table than the one the statement targets, on
     * purpose. The table as SQL writes it ({@code audit_log}, {@code public.audit_log}, {@code "\"AuditLog\""}).
     */
    public StatementAssert violatesPolicyOn(String table) {
        isNotNull();
        return holds(StatementVerdicts.violatesPolicyOn(actual, table));
    }

    /** Passes where the statement was refused for lack of a privilege ({@code permission denied}), not by a policy. */
    public StatementAssert isPermissionDenied() {
        isNotNull();
        return holds(StatementVerdicts.isPermissionDenied(actual));
    }

    /** Passes where a recursive policy stopped the statement ({@code infinite recursion detected in policy}). */
    public StatementAssert hitsPolicyRecursion() {
        isNotNull();
        return holds(StatementVerdicts.hitsPolicyRecursion(actual));
    }

    /**
     * Passes where a constraint (SQLSTATE class 23: a unique key, a foreign key, a check) stopped the statement; a
     * duplicate key on a row the scope cannot see is such a case, and is not a policy denial.
     */
    public StatementAssert violatesConstraint() {
        isNotNull();
        return holds(StatementVerdicts.violatesConstraint(actual));
    }

    /** Passes where the statement ran without error. */
    public StatementAssert succeeds() {
        isNotNull();
        return holds(StatementVerdicts.succeeds(actual));
    }

    /** Passes where the statement ran and touched no row. */
    public StatementAssert affectsNoRows() {
        return affectsRows(0);
    }

    /** Passes where the statement ran and inserted, updated, deleted (or returned) exactly that many rows. */
    public StatementAssert affectsRows(long expected) {
        isNotNull();
        String failure = StatementVerdicts.affectsRows(actual, expected);
        if (failure != null) {
            throw actual.failed() ? failure(Failures.literal(failure))
                    : failureWithActualExpected(actual.rowCount(), expected, Failures.literal(failure));
        }
        return this;
    }

    private StatementAssert holds(String failure) {
        if (failure != null) {
            throw failure(Failures.literal(failure));
        }
        return this;
    }
}
