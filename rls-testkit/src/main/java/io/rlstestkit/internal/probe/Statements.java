package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.TestTransaction;
import org.apiguardian.api.API;

import java.sql.SQLException;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Runs a test's own statement in a session's scope, rolled back, and records what it exercised for the report. */
@API(status = INTERNAL)
public final class Statements {

    private Statements() {
    }

    /**
     * Runs a statement in the session's scope inside a savepoint that is rolled back, and classifies its outcome. The
     * data it changed is rolled back; a setting or role it changed stays in effect for the session.
     */
    public static StatementOutcome run(ScopedSession session, String sql, Object... args) {
        TestTransaction transaction = session.transaction();
        try {
            return transaction.isolated(connection -> {
                StatementCoverage.record(session, connection, sql, args);
                transaction.activate(session.scope());
                transaction.sessionStatement(sql);
                return Outcomes.run(connection, sql, args);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run the statement in " + session.description() + ": "
                    + e.getMessage(), e);
        }
    }
}
