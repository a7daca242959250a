package io.rlstestkit.assertion;

import io.rlstestkit.RlsSession;
import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.probe.Statements;
import io.rlstestkit.internal.probe.TableCheck;
import io.rlstestkit.internal.scope.ScopedSession;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what a scope can do. Start them with {@code RlsAssertions.assertThat(session)}. Every statement
 * they run is rolled back: an assertion leaves no trace.
 */
public class RlsSessionAssert extends AbstractAssert<RlsSessionAssert, RlsSession> {

    /** Assertions on a session. */
    public RlsSessionAssert(RlsSession actual) {
        super(actual, RlsSessionAssert.class);
        if (actual != null) {
            describedAs(actual.description());
        }
    }

    /** Runs a query in the scope (rolled back) for assertions on its rows. */
    public QueryAssert query(String sql, Object... args) {
        ScopedSession session = session();
        return new QueryAssert(run(session, sql, args)).describedAs(session.description())
                .tenantColumn(session.context().tenantColumn());
    }

    /** Runs a statement in the scope (rolled back) for assertions on how it ended. */
    public StatementAssert execute(String sql, Object... args) {
        ScopedSession session = session();
        return new StatementAssert(run(session, sql, args)).describedAs(session.description());
    }

    /** Checks that the scope sees none of a tenant's rows in a table: {@code .cannotSee("invoices").rowsOf(a)}. */
    public TableAccessAssert cannotSee(String table) {
        return table(table, TableCheck.CANNOT_SEE);
    }

    /**
     * Checks that an UPDATE in the scope touches none of a tenant's rows: aimed at them with a WHERE clause, and
     * blind (an UPDATE that reads no column, which PostgreSQL checks against the UPDATE policy only).
     */
    public TableAccessAssert cannotUpdate(String table) {
        return table(table, TableCheck.CANNOT_UPDATE);
    }

    /** Checks that a DELETE in the scope removes none of a tenant's rows, aimed and blind. */
    public TableAccessAssert cannotDelete(String table) {
        return table(table, TableCheck.CANNOT_DELETE);
    }

    /** Checks that the scope sees every row of a tenant in a table. */
    public TableAccessAssert canSee(String table) {
        return table(table, TableCheck.CAN_SEE);
    }

    private TableAccessAssert table(String table, TableCheck check) {
        ScopedSession session = session();
        return new TableAccessAssert(new TableAccess(session, table, check));
    }

    private ScopedSession session() {
        isNotNull();
        return Failures.scoped(actual);
    }

    private static StatementOutcome run(ScopedSession session, String sql, Object... args) {
        return Statements.run(session, sql, args);
    }
}
