package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.report.Plurals;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * @param hint         the server's hint on error, else {@code null}
 * @param routine      the server routine that raised the error, else {@code null}
 * @param where        the server's context on error (the function or trigger statement it came from), else
 *                     {@code null}: the statement itself raised it
 */
@API(status = INTERNAL)
public record StatementOutcome(String sql, String arguments, OutcomeKind kind, boolean producedRows,
                               List<Map<String, Object>> rows, long rowCount, String sqlState, String message,
                               String detail, String hint, String routine, String where) {

    private static final Pattern REFUSED_TABLE = Pattern.compile("for table \"([^\"]+)\"");
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern TARGET = Pattern.compile("^\\s*(?:insert\\s+into|update|delete\\s+from|merge\\s+into)"
            + "\\s+(?:only\\s+)?(?:" + NAME + "\\s*\\.\\s*)?(" + NAME + ")", Pattern.CASE_INSENSITIVE);

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
        return "<" + sqlState + " " + message + ">" + (detail == null ? "" : " (" + detail + ")")
                + (hint == null ? "" : " (hint: " + hint + ")");
    }

    /**
     * The table an {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE} writes to, as PostgreSQL reads
     * its name (unquoted names folded to lower case); {@code null} for other statements ({@code WITH ...},
     * {@code SELECT f()}).
     */
    public String targetTable() {
        Matcher target = TARGET.matcher(sql);
        return target.find() ? relationName(target.group(1)) : null;
    }

    /** The relation name PostgreSQL reads in a table name as written: its last part, unquoted or folded. */
    public static String relationName(String written) {
        String last = "";
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        String name = written.strip();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (quoted && c == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                part.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == '.' && !quoted) {
                part.setLength(0);
                wasQuoted = false;
            } else if (quoted || !Character.isWhitespace(c)) {
                part.append(quoted ? c : Character.toLowerCase(c));
            }
            last = part.toString();
        }
        return wasQuoted ? last : last.toLowerCase(java.util.Locale.ROOT);
    }

    /** The table whose policy refused a row, as the server's message names it; {@code null} where it names none. */
    public String refusedTable() {
        if (kind != OutcomeKind.POLICY_VIOLATION || message == null) {
            return null;
        }
        Matcher table = REFUSED_TABLE.matcher(message);
        return table.find() ? table.group(1) : null;
    }

    static String rows(long count) {
        return Plurals.count(count, "row");
    }
}
