package io.rlstestkit.internal.tenant;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs a seed script once per tenant, as the owner, with {@code ${tenant.id}} and {@code ${tenant.key}} replaced.
 * The script is split into statements by the driver's own parser (quotes, dollar quotes and comments are its
 * business), so that a failure names the statement and its line.
 */
public final class Seeder {

    private Seeder() {
    }

    /** The script with the tenant's placeholders replaced. */
    public static String render(String script, Tenant tenant) {
        return script.replace("${tenant.id}", String.valueOf(tenant.id())).replace("${tenant.key}", tenant.key());
    }

    /**
     * Runs the script for a tenant in one transaction.
     *
     * @param location where the script came from, for messages
     * @throws KitException naming the script, the tenant, the line and the server's error
     */
    public static void seed(Connection connection, String location, String script, Tenant tenant) {
        String sql = render(script, tenant);
        int cursor = 0;
        String current = null;
        int line = 0;
        try {
            List<NativeQuery> statements = Parser.parseJdbcSql(sql, true, false, true, false, false);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (NativeQuery query : statements) {
                    current = withoutLeadingComments(query.nativeSql);
                    if (current.isEmpty()) {
                        continue;
                    }
                    String start = current.substring(0, Math.min(current.length(), 40));
                    int at = sql.indexOf(start, cursor);
                    if (at >= 0) {
                        line = lineOf(sql, at);
                        cursor = at + start.length();
                    }
                    statement.execute(current);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw new KitException("Expecting the seed script " + location + " to run for " + tenant + " (id "
                    + tenant.id() + "), but it failed" + (line > 0 ? " at line " + line : "") + ":\n  "
                    + e.getMessage().strip() + (current == null ? "" : "\n  statement: " + abbreviate(current))
                    + "\nFix the script; it runs once per tenant, as the owner, with ${tenant.id} and ${tenant.key}"
                    + " replaced.", e);
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is closed after seeding
            }
        }
    }

    private static String withoutLeadingComments(String statement) {
        String text = statement.strip();
        while (text.startsWith("--")) {
            int newline = text.indexOf('\n');
            text = newline < 0 ? "" : text.substring(newline + 1).strip();
        }
        return text;
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

    private static String abbreviate(String statement) {
        String flat = statement.replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 197) + "...";
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // reporting the original failure
        }
    }
}
