package io.rlstestkit.internal.tenant;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.migration.SqlScript;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Runs a seed script once per tenant, as the owner, with {@code ${tenant.id}} and {@code ${tenant.key}} replaced.
 * The script is split into its statements ({@link SqlScript}), so that a failure names the statement and its line.
 */
@API(status = INTERNAL)
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
        SqlScript.Statement current = null;
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (SqlScript.Statement next : SqlScript.statements(sql)) {
                    current = next;
                    statement.execute(next.sql());
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            throw new KitException("Expecting the seed script " + location + " to run for " + tenant + " (id "
                    + tenant.id() + "), but it failed" + (current == null ? "" : " at line " + current.line()) + ":\n  "
                    + e.getMessage().strip() + (current == null ? "" : "\n  statement: " + current.abbreviated())
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

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // reporting the original failure
        }
    }
}
