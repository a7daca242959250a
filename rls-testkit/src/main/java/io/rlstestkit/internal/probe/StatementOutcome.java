package io.rlstestkit.internal.probe;

import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What happened when a statement ran in a scope: its rows or row count, or its error with the SQLSTATE and the
 * server's message, classified.
 *
 * @param sql          the statement
 * @param arguments    its arguments, as text for messages
 * @param kind         how it ended
 * @param producedRows whether it produced a result set (a query, or a statement with RETURNING)
 * @param rows         the rows it returned (empty for statements without rows, and on error)
 * @param rowCount     the rows it returned, inserted, updated or deleted ({@code -1} on error)
 * @param sqlState     the SQLSTATE on error, else {@code null}
 * @param message      the server's message on error, else {@code null}
 * @param detail       the server's detail on error, else {@code null}
 */
@API(status = INTERNAL)
public record StatementOutcome(String sql, String arguments, OutcomeKind kind, boolean producedRows,
                               List<Map<String, Object>> rows, long rowCount, String sqlState, String message,
                               String detail) {

    /** Whether the statement failed. */
    public boolean failed() {
        return kind != OutcomeKind.SUCCEEDED;
    }

    /** The statement and its arguments: {@code <select ...> with [..]}. */
    public String statement() {
        return "<" + sql.strip() + ">" + (arguments.equals("[]") ? "" : " with " + arguments);
    }

    /** The outcome in words: {@code it returned 2 rows}, {@code it failed: <42501 permission denied ...>}. */
    public String describe() {
        if (kind == OutcomeKind.SUCCEEDED) {
            return producedRows ? "it returned " + rows(rowCount) : "it succeeded and affected " + rows(rowCount);
        }
        return "it " + kind.verb() + ": " + error();
    }

    /** The error as {@code <SQLSTATE message>}, with the server's detail where there is one. */
    public String error() {
        return "<" + sqlState + " " + message + ">" + (detail == null ? "" : " (" + detail + ")");
    }

    static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }
}
