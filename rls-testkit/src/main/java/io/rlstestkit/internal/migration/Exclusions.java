package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaSnapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What belongs to Flyway rather than to the project's schema: its history table, and the schemas it created to hold
 * it (Flyway lists them in a {@code SCHEMA} row of its history; no undo script can drop them).
 */
final class Exclusions {

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"]|\"\")*)\"");

    private Exclusions() {
    }

    static SchemaSnapshot.Exclusions of(Connection connection, UndoRunner runner) throws SQLException {
        String table = runner.historyTable(connection);
        Set<String> schemas = new LinkedHashSet<>();
        boolean exists;
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                exists = row.getBoolean(1);
            }
        }
        if (exists) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT script FROM " + table + " WHERE type = 'SCHEMA'")) {
                while (rows.next()) {
                    Matcher matcher = QUOTED.matcher(rows.getString(1));
                    while (matcher.find()) {
                        schemas.add(matcher.group(1).replace("\"\"", "\""));
                    }
                }
            }
        }
        return new SchemaSnapshot.Exclusions(table, schemas);
    }
}
