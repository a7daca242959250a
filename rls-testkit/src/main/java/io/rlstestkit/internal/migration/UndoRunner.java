package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.Identifiers;
import org.apiguardian.api.API;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Undoes a version as Flyway Teams would: runs its {@code U} script as the migrations run (same user, same
 * {@code search_path}, Flyway's placeholders replaced, in one transaction), then deletes the version's row from
 * Flyway's schema history table, so that Flyway Community sees the version as pending and migrates it again.
 */
@API(status = INTERNAL)
public final class UndoRunner {

    /** SQLSTATE of a statement that cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}). */
    private static final String NO_TRANSACTION = "25001";

    private final Configuration configuration;

    public UndoRunner(Configuration configuration) {
        this.configuration = configuration;
    }

    /** The schema that holds Flyway's history table, and that Flyway puts first in the {@code search_path}. */
    public String defaultSchema(Connection connection) throws SQLException {
        if (configuration.getDefaultSchema() != null) {
            return configuration.getDefaultSchema();
        }
        if (configuration.getSchemas().length > 0) {
            return configuration.getSchemas()[0];
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            row.next();
            return row.getString(1);
        }
    }

    /** Flyway's history table, schema-qualified and quoted. */
    public String historyTable(Connection connection) throws SQLException {
        return Identifiers.quote(defaultSchema(connection)) + "." + Identifiers.quote(configuration.getTable());
    }

    /**
     * Runs an undo script and forgets its version.
     *
     * @param fileName the script's file name, for messages and {@code ${flyway:filename}}
     * @param script   its text
     * @throws Failure naming the script, the line, the statement and the server's error
     */
    public void undo(ScratchDatabase database, MigrationVersion version, String fileName, String script) {
        try (Connection connection = database.connect()) {
            String schema = defaultSchema(connection);
            String sql = replacePlaceholders(script, fileName, schema, database);
            try {
                run(connection, sql, fileName, version, schema, true);
            } catch (Failure failure) {
                if (!NO_TRANSACTION.equals(failure.sqlState)) {
                    throw failure;
                }
                run(connection, sql, fileName, version, schema, false);
            }
        } catch (SQLException e) {
            throw new Failure(fileName + ": could not run it: " + e.getMessage(), e.getSQLState());
        }
    }

    private void run(Connection connection, String sql, String fileName, MigrationVersion version, String schema,
                     boolean inTransaction) throws SQLException {
        connection.setAutoCommit(!inTransaction);
        SqlScript.Statement current = null;
        try (Statement statement = connection.createStatement()) {
            try (PreparedStatement path = connection.prepareStatement("SELECT set_config('search_path',"
                    + " quote_ident(?) || ', ' || current_setting('search_path'), false)")) {
                path.setString(1, schema);
                path.execute();
            }
            for (SqlScript.Statement next : SqlScript.statements(sql)) {
                current = next;
                statement.execute(next.sql());
            }
            current = null;
            String history = historyTable(connection);
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM " + history
                    + " WHERE version = ?")) {
                forget.setString(1, version.getVersion());
                if (forget.executeUpdate() == 0) {
                    throw new Failure(fileName + ": ran, but Flyway's schema history " + history
                            + " has no row of version " + version + " to delete", null);
                }
            }
            if (inTransaction) {
                connection.commit();
            }
        } catch (RuntimeException e) {
            rollback(connection, inTransaction);
            throw e;
        } catch (SQLException e) {
            rollback(connection, inTransaction);
            throw new Failure(fileName + ": failed" + (current != null ? " at line " + current.line() : "") + ": "
                    + SqlScript.firstLine(e.getMessage() == null ? String.valueOf(e) : e.getMessage())
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")
                    + (current == null ? "" : "\n    statement: " + current.abbreviated()), e.getSQLState());
        }
    }

    private static void rollback(Connection connection, boolean inTransaction) {
        if (inTransaction) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // reporting the original failure
            }
        }
    }

    private static final Pattern PLACEHOLDER_NAME = Pattern.compile("[A-Za-z0-9_:.\\-]+");

    /** The script with Flyway's placeholders replaced, as Flyway replaces them in migrations. */
    String replacePlaceholders(String script, String fileName, String schema, ScratchDatabase database) {
        if (!configuration.isPlaceholderReplacement()) {
            return script;
        }
        Map<String, String> values = new HashMap<>();
        configuration.getPlaceholders().forEach((key, value) -> values.put(key.toLowerCase(Locale.ROOT), value));
        values.put("flyway:defaultschema", schema);
        values.put("flyway:user", database.user());
        values.put("flyway:database", database.jdbcUrl().substring(database.jdbcUrl().lastIndexOf('/') + 1));
        values.put("flyway:timestamp", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        values.put("flyway:filename", fileName);
        values.put("flyway:workingdirectory", Path.of("").toAbsolutePath().toString());
        values.put("flyway:table", configuration.getTable());
        values.put("flyway:environment", "default");
        String prefix = configuration.getPlaceholderPrefix();
        String suffix = configuration.getPlaceholderSuffix();
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + "(" + PLACEHOLDER_NAME.pattern() + ")"
                + Pattern.quote(suffix));
        Matcher matcher = pattern.matcher(script);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1).toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new Failure(fileName + ": no value provided for placeholder " + matcher.group()
                        + "; configure it as the migrations' placeholders are configured (flyway.placeholders.*)",
                        null);
            }
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(replaced);
        return replaced.toString();
    }

    /** An undo script that failed: the message names the script, the line, the statement and the server's error. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String sqlState;

        Failure(String message, String sqlState) {
            super(message);
            this.sqlState = sqlState;
        }
    }
}
