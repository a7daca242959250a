package io.rlstestkit.internal.migration;

import org.apiguardian.api.API;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * An SQL script split into its statements by the driver's own parser (quotes, dollar quotes and comments are its
 * business), each with the line it starts on, so that a failure can name the statement and its line.
 */
@API(status = INTERNAL)
public final class SqlScript {

    private SqlScript() {
    }

    /**
     * A statement of a script.
     *
     * @param sql  the statement, without the comments before it
     * @param line the line of the script it starts on
     */
    public record Statement(String sql, int line) {

        /** The statement on one line, shortened for messages. */
        public String abbreviated() {
            return abbreviate(sql);
        }
    }

    /** The statements of a script, in order, empty ones left out. */
    public static List<Statement> statements(String script) throws SQLException {
        List<Statement> statements = new ArrayList<>();
        int cursor = 0;
        int line = 1;
        for (NativeQuery query : Parser.parseJdbcSql(script, true, false, true, false, false)) {
            String sql = withoutLeadingComments(query.nativeSql);
            if (sql.isEmpty()) {
                continue;
            }
            String start = sql.substring(0, Math.min(sql.length(), 40));
            int at = script.indexOf(start, cursor);
            if (at >= 0) {
                line = lineOf(script, at);
                cursor = at + start.length();
            }
            statements.add(new Statement(sql, line));
        }
        return statements;
    }

    /** A statement without the comments before it ({@code --} lines and {@code /* ... *}{@code /} blocks). */
    public static String withoutLeadingComments(String statement) {
        String text = statement.strip();
        while (text.startsWith("--") || text.startsWith("/*")) {
            int end = text.startsWith("--") ? text.indexOf('\n') : text.indexOf("*/");
            text = end < 0 ? "" : text.substring(end + (text.startsWith("--") ? 1 : 2)).strip();
        }
        return text;
    }

    /** A statement on one line, shortened to 200 characters, for messages; {@code ""} for none. */
    public static String abbreviate(String statement) {
        if (statement == null) {
            return "";
        }
        String flat = statement.strip().replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 197) + "...";
    }

    /** The first line of a server's message (the driver appends hints and positions on lines of their own). */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
