package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.catalog.Catalog;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What a connection carries from one borrower to the next: its current role; the settings that the schema's
 * policies and functions read (custom settings such as {@code app.current_tenant_id}, which PostgreSQL does not list
 * in {@code pg_settings}); the built-in settings changed at session level ({@code pg_settings.source = 'session'});
 * and whether a transaction is left open.
 *
 * @param pid           the backend's process id, which identifies the physical connection
 * @param sessionUser   the user it logged in as
 * @param currentRole   its current role
 * @param inTransaction whether a transaction was already open when it was handed out
 * @param settings      the settings changed at session level, by name
 */
@API(status = INTERNAL)
public record SessionState(int pid, String sessionUser, String currentRole, boolean inTransaction,
                    Map<String, String> settings) {

    /** Reads the state of a connection just handed out. */
    public static SessionState of(Connection connection) throws SQLException {
        Set<String> custom = new Catalog(connection).settingsRead().keySet();
        try (Statement statement = connection.createStatement()) {
            int pid;
            String sessionUser;
            String currentRole;
            boolean inTransaction;
            try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid(), session_user, current_user,"
                    + " coalesce((SELECT xact_start < statement_timestamp() FROM pg_stat_activity"
                    + " WHERE pid = pg_backend_pid()), false)")) {
                row.next();
                pid = row.getInt(1);
                sessionUser = row.getString(2);
                currentRole = row.getString(3);
                inTransaction = row.getBoolean(4);
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (String name : custom) {
                try (PreparedStatement read = connection.prepareStatement("SELECT current_setting(?, true)")) {
                    read.setString(1, name);
                    try (ResultSet row = read.executeQuery()) {
                        row.next();
                        String value = row.getString(1);
                        if (value != null && !value.isEmpty()) {
                            settings.put(name, value);
                        }
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT name, setting FROM pg_settings WHERE source = 'session' ORDER BY name")) {
                while (rows.next()) {
                    settings.put(rows.getString(1), rows.getString(2));
                }
            }
            return new SessionState(pid, sessionUser, currentRole, inTransaction, settings);
        }
    }

    /** What this state carries that the baseline did not: each leftover with what it is, one per line. */
    public String leftoversSince(SessionState baseline) {
        StringBuilder leftovers = new StringBuilder();
        if (!currentRole.equals(baseline.currentRole())) {
            leftovers.append("\n  role ").append(currentRole).append(" (SET ROLE at session level; it logged in as ")
                    .append(sessionUser).append(")");
        }
        settings.forEach((name, value) -> {
            if (!name.equals("role") && !value.equals(baseline.settings().get(name))) {
                leftovers.append("\n  ").append(name).append(" = '").append(value)
                        .append("' (set at session level: SET without LOCAL, or set_config(name, value, false))");
            }
        });
        if (inTransaction && !baseline.inTransaction()) {
            leftovers.append("\n  an open transaction (begun by an earlier borrower, neither committed nor rolled back)");
        }
        return leftovers.toString();
    }
}
