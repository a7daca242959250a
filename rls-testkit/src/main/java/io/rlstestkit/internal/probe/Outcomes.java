package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.scope.Rows;
import org.apiguardian.api.API;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Runs statements and classifies how they end. Public for the deny matrix, which runs its own probes. */
@API(status = INTERNAL)
public final class Outcomes {

    /** The routine of PL/pgSQL's {@code RAISE}: an error the application's code raised. */
    private static final String APPLICATION_RAISE = "exec_stmt_raise";

    private Outcomes() {
    }

    /** Runs a statement on a connection (in whatever scope is active) and classifies the outcome. */
    public static StatementOutcome run(Connection connection, String sql, Object... args) {
        return run(connection, sql, sql, args);
    }

    /**
     * Runs a statement as {@link #run(Connection, String, Object...)} does, sent with a comment naming the scope it
     * runs in (owner, own scope, checked scope). PostgreSQL plans a statement on a table with row-level security for
     * the role that runs it, and plans it again when another role runs the same text: a check's count, run in turn
     * by the owner and by the roles of two scopes, would be planned on every run. One text per scope keeps each plan.
     * The outcome shows the statement as given, without the comment.
     *
     * @param scope which scope of a check runs it, a fixed word ({@code owner}, {@code own scope})
     */
    static StatementOutcome runIn(String scope, Connection connection, String sql, Object... args) {
        return run(connection, sql + " /* " + scope + " */", sql, args);
    }

    private static StatementOutcome run(Connection connection, String sent, String sql, Object... args) {
        String arguments = Rows.describeArguments(args);
        try (PreparedStatement statement = connection.prepareStatement(sent)) {
            Rows.bind(statement, args);
            boolean hasRows = statement.execute();
            if (hasRows) {
                try (ResultSet rows = statement.getResultSet()) {
                    List<Map<String, Object>> read = Rows.read(rows);
                    return new StatementOutcome(sql, arguments, OutcomeKind.SUCCEEDED, true, read, read.size(), null,
                            null, null, null, null, null);
                }
            }
            return new StatementOutcome(sql, arguments, OutcomeKind.SUCCEEDED, false, List.of(),
                    Math.max(statement.getUpdateCount(), 0), null, null, null, null, null, null);
        } catch (SQLException e) {
            ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
            String message = server != null ? server.getMessage() : e.getMessage();
            String routine = server != null ? server.getRoutine() : null;
            String detail = server != null ? server.getDetail() : null;
            return new StatementOutcome(sql, arguments, classify(e.getSQLState(), message, routine), false, List.of(),
                    -1, e.getSQLState(), message, detail, server != null ? server.getHint() : null, routine,
                    server != null ? server.getWhere() : null);
        }
    }

    /** The count a {@code SELECT count(*) AS n ...} returned; 0 where it returned no row or failed. */
    public static long count(StatementOutcome outcome) {
        Object n = outcome.rows().isEmpty() ? null : outcome.rows().get(0).get("n");
        return n == null ? 0 : ((Number) n).longValue();
    }

    /**
     * Classifies an error by its SQLSTATE, the server routine that raised it and its message. Where the server names
     * the routine, the routine decides over the text: a PL/pgSQL {@code RAISE} ({@code exec_stmt_raise}) is the
     * application's code, whatever it says; the row-security check of the executor ({@code ExecWithCheckOptions})
     * is a policy, in any language. A 42P17 is a recursive policy where the text says so, or, in another language,
     * where the rewriter's RLS site ({@code fireRIRrules}) raised it; recursive rules ({@code RewriteQuery}) are not.
     */
    static OutcomeKind classify(String sqlState, String message, String routine) {
        String text = message == null ? "" : message;
        if ("42501".equals(sqlState)) {
            if (APPLICATION_RAISE.equals(routine)) {
                return OutcomeKind.RAISED_BY_APPLICATION;
            }
            if ("ExecWithCheckOptions".equals(routine) || routine == null
                    && (text.startsWith("new row violates row-level security policy")
                    || text.startsWith("target row violates row-level security policy"))) {
                return OutcomeKind.POLICY_VIOLATION;
            }
            return OutcomeKind.PERMISSION_DENIED;
        }
        if ("42P17".equals(sqlState) && !APPLICATION_RAISE.equals(routine)) {
            if (text.startsWith("infinite recursion detected in policy")) {
                return OutcomeKind.POLICY_RECURSION;
            }
            if (!text.startsWith("infinite recursion detected in") && "fireRIRrules".equals(routine)) {
                return OutcomeKind.POLICY_RECURSION;
            }
        }
        if (sqlState != null && sqlState.startsWith("23")) {
            return OutcomeKind.CONSTRAINT_VIOLATION;
        }
        return OutcomeKind.OTHER_ERROR;
    }
}
