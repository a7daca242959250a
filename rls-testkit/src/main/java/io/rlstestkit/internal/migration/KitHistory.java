package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import io.rlstestkit.internal.migration.Migration.Sql;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Applies and undoes the migrations of tools other than Flyway, keeping a history of its own,
 * {@code rlstestkit_schema_history} in the schema the migrations start in, as Flyway keeps its table: which versions
 * are applied, so that a database can be migrated up to a version, and a version undone and applied again.
 * A statement that fails is reported with its file, its line and the server's error.
 */
@API(status = INTERNAL)
public final class KitHistory {

    /** The history table's name. */
    public static final String TABLE = "rlstestkit_schema_history";

    /** SQLSTATE of a statement that cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}). */
    private static final String NO_TRANSACTION = "25001";
    private static final Pattern BREAKPOINT = Pattern.compile("(?m)^--> statement-breakpoint\\s*$");

    private final Connection connection;
    private final String table;

    private KitHistory(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /** The history of a database, made where it is missing. */
    public static KitHistory on(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        String schema;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            row.next();
            schema = row.getString(1);
        }
        String table = Identifiers.quote(schema) + "." + Identifiers.quote(TABLE);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (version text PRIMARY KEY,"
                    + " description text NOT NULL, script text NOT NULL,"
                    + " installed_on timestamptz NOT NULL DEFAULT clock_timestamp())");
        }
        return new KitHistory(connection, table);
    }

    /** What a schema snapshot leaves out: the history table. */
    public SchemaSnapshot.Exclusions exclusions() {
        return new SchemaSnapshot.Exclusions(table, Set.of());
    }

    /** The versions applied, in the order they were applied. */
    public List<String> applied() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM " + table
                     + " ORDER BY installed_on, version")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    /**
     * Applies the migrations up to and including one, in order, leaving out those applied already.
     *
     * @return how many were applied
     * @throws Failure naming the file, the line, the statement and the server's error
     */
    public int migrateTo(List<Migration> migrations, int last) throws SQLException {
        Set<String> applied = new HashSet<>(applied());
        int count = 0;
        for (Migration migration : migrations.subList(0, last + 1)) {
            if (!applied.contains(migration.version())) {
                run(migration.up(), migration.transactional(), "INSERT INTO " + table
                        + " (version, description, script) VALUES (?, ?, ?)", migration);
                count++;
            }
        }
        return count;
    }

    /**
     * Runs a migration's down script and forgets its version.
     *
     * @throws Failure naming the file, the line, the statement and the server's error
     */
    public void undo(Migration migration) throws SQLException {
        run(migration.down(), migration.transactional(), "DELETE FROM " + table + " WHERE version = ?", migration);
    }

    private void run(Sql sql, boolean transactional, String record, Migration migration) throws SQLException {
        try {
            execute(sql, transactional, record, migration);
        } catch (Failure failure) {
            if (!transactional || !NO_TRANSACTION.equals(failure.sqlState)) {
                throw failure;
            }
            execute(sql, false, record, migration);
        }
    }

    private void execute(Sql sql, boolean transactional, String record, Migration migration) throws SQLException {
        connection.setAutoCommit(!transactional);
        SqlScript.Statement current = null;
        try (Statement statement = connection.createStatement()) {
            for (SqlScript.Statement next : statements(sql)) {
                current = next;
                statement.execute(next.sql());
            }
            current = null;
            try (PreparedStatement history = connection.prepareStatement(record)) {
                history.setString(1, migration.version());
                if (record.startsWith("INSERT")) {
                    history.setString(2, migration.description());
                    history.setString(3, sql.file());
                }
                history.executeUpdate();
            }
            if (transactional) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (transactional) {
                connection.rollback();
            }
            throw new Failure(sql.file(), current, e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The statements of some SQL, with their lines in its file; Drizzle's breakpoints split it first. */
    static List<SqlScript.Statement> statements(Sql sql) throws SQLException {
        List<SqlScript.Statement> statements = new ArrayList<>();
        String[] chunks = sql.breakpoints() ? BREAKPOINT.split(sql.text(), -1) : new String[] {sql.text()};
        int line = sql.firstLine();
        var breaks = BREAKPOINT.matcher(sql.text());
        for (String chunk : chunks) {
            for (SqlScript.Statement statement : SqlScript.statements(chunk)) {
                statements.add(new SqlScript.Statement(statement.sql(), line + statement.line() - 1));
            }
            line += (int) chunk.chars().filter(c -> c == '\n').count();
            if (breaks.find()) {
                line += (int) breaks.group().chars().filter(c -> c == '\n').count();
            }
        }
        return statements;
    }

    /** A migration or down script that failed: its file, the line and statement, and the server's error. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String file;
        private final String statement;
        private final String at;
        private final String sqlState;

        Failure(String file, SqlScript.Statement statement, SQLException cause) {
            this(file, statement == null ? null : statement.sql(), statement == null ? "" : " at line "
                    + statement.line(), cause);
        }

        /**
         * A failure.
         *
         * @param file      the file, and what in it failed
         * @param statement the statement, or {@code null}
         * @param at        where in the file: {@code " at line 4"}, or {@code ""}
         * @param cause     the server's error
         */
        Failure(String file, String statement, String at, SQLException cause) {
            super(SqlScript.firstLine(cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage()), cause);
            this.file = file;
            this.statement = statement;
            this.at = at;
            this.sqlState = cause.getSQLState();
        }

        /**
         * The failure on the kit's usual lines:
         * {@code 000002_rls.up.sql: failed at line 4: ERROR: ... (SQLSTATE 42601)} and the statement below.
         *
         * @param when when it failed, after the word "failed": {@code " when migrated again after its undo,"}
         */
        public String describe(String when) {
            return file + ": failed" + (at.isEmpty() && when.endsWith(",") ? when.substring(0, when.length() - 1)
                    : when) + at + ": " + getMessage() + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")")
                    + (statement == null ? "" : "\n    statement: " + SqlScript.abbreviate(statement));
        }

        /** The failure as the kit reports a migration that does not apply to a test database. */
        public String describeForTests() {
            return "Expecting every migration to apply, but " + file + " failed" + at + ":\n  " + getMessage()
                    + (sqlState == null ? "" : " (SQLSTATE " + sqlState + ")")
                    + (statement == null ? "" : "\n  statement: " + SqlScript.abbreviate(statement))
                    + "\nFix the migration; the kit migrates to head before the first test of the configuration.";
        }
    }
}
