package io.rlstestkit.internal.database;

import io.rlstestkit.internal.catalog.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The settings a database carries ({@code ALTER DATABASE d SET name = value}, and per role,
 * {@code ALTER ROLE r IN DATABASE d SET ...}). {@code CREATE DATABASE ... TEMPLATE} copies the data but not these,
 * so a copy gets them from here: a migration's {@code ALTER DATABASE ... SET search_path}, or the Supabase preset's,
 * holds in every test's database.
 */
final class DatabaseSettings {

    /** Settings whose value is a list written as SQL (quoted names separated by commas), kept as written. */
    private static final Set<String> LISTS = Set.of("search_path", "temp_tablespaces", "local_preload_libraries",
            "session_preload_libraries");

    private static final String SETTINGS = "SELECT r.rolname, unnest(s.setconfig) FROM pg_db_role_setting s"
            + " JOIN pg_database d ON d.oid = s.setdatabase LEFT JOIN pg_roles r ON r.oid = s.setrole"
            + " WHERE d.datname = ?";

    private DatabaseSettings() {
    }

    /** Gives database {@code to} the settings of database {@code from}. */
    static void copy(Connection admin, String from, String to) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement(SETTINGS)) {
            query.setString(1, from);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String role = rows.getString(1);
                    String setting = rows.getString(2);
                    int equals = setting.indexOf('=');
                    String name = setting.substring(0, equals);
                    String value = setting.substring(equals + 1);
                    statements.add((role == null ? "ALTER DATABASE " + Identifiers.quote(to)
                            : "ALTER ROLE " + Identifiers.quote(role) + " IN DATABASE " + Identifiers.quote(to))
                            + " SET " + Identifiers.quote(name) + " = "
                            + (LISTS.contains(name) ? value : "'" + value.replace("'", "''") + "'"));
                }
            }
        }
        try (Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
