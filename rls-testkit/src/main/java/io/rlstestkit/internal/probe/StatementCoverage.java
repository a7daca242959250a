package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.catalog.PlanTables;
import io.rlstestkit.internal.report.CoverageLog;
import io.rlstestkit.internal.report.Exercise;
import io.rlstestkit.internal.scope.Rows;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.SessionContext;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Records, for the coverage report, which tables a statement of {@code query(...)} or {@code execute(...)} reads and
 * writes: planned as the owner (so that a privilege the scope lacks does not hide the table), before it runs.
 */
final class StatementCoverage {

    private StatementCoverage() {
    }

    static void record(ScopedSession session, Connection connection, String sql, Object... args) throws SQLException {
        if (session.scope().kind() == Scope.Kind.OWNER) {
            return;
        }
        SessionContext context = session.context();
        session.transaction().activate(context.ownerScope());
        for (PlanTables.Touch touch : PlanTables.of(connection, sql, statement -> Rows.bind(statement, args))) {
            CoverageLog.instance().exercised(new Exercise(context.environmentLabel(), touch.table(),
                    session.scope().label(), touch.command(), context.source()));
        }
    }
}
