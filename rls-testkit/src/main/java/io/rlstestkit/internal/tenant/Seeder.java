package io.rlstestkit.internal.tenant;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs a seed script once per tenant, as the owner, with {@code ${tenant.id}} and {@code ${tenant.key}} replaced. */
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
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw new KitException("Expecting the seed script " + location + " to run for " + tenant + " (id "
                    + tenant.id() + "), but it failed" + where(sql, e) + ":\n  " + e.getMessage().strip()
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

    private static String where(String sql, SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server.getPosition() > 0 && server.getPosition() <= sql.length()) {
                int line = 1;
                for (int i = 0; i < server.getPosition() - 1; i++) {
                    if (sql.charAt(i) == '\n') {
                        line++;
                    }
                }
                return " at line " + line;
            }
        }
        return "";
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // reporting the original failure
        }
    }
}
