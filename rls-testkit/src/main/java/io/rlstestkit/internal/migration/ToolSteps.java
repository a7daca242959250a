package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaSnapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The migrations of a tool other than Flyway, as the round trip steps through them: migrate up to one, undo one,
 * and say which are applied. Each failure is a {@link KitHistory.Failure} naming the file, the line and the
 * statement.
 */
interface ToolSteps {

    /** The tool. */
    MigrationFormat format();

    /** The migrations, in the tool's order. */
    List<Migration> migrations();

    /** Applies the migrations up to and including one, leaving out those applied already. */
    void migrateTo(Connection connection, int index) throws SQLException;

    /** Undoes one migration, the last applied, with its down script. */
    void undo(Connection connection, int index) throws SQLException;

    /** The versions applied, in order. */
    List<String> applied(Connection connection) throws SQLException;

    /** The schema, without the tool's history. */
    SchemaSnapshot snapshot(Connection connection) throws SQLException;

    /** The history, for messages: {@code the kit's history table rlstestkit_schema_history}. */
    String historyLabel();

    /** The steps of a tool's migrations: Liquibase's changesets, or a folder's migrations. */
    static ToolSteps of(Layout layout, ClassLoader classLoader) {
        return layout.format() == MigrationFormat.LIQUIBASE ? Liquibases.steps(layout, classLoader) : folder(layout);
    }

    /**
     * As {@link #of(Layout, ClassLoader)}, with Flyway's {@code flyway.initSql}, where the configuration sets it,
     * run on the connection before each migration step, as Flyway runs it on each connection it opens (the
     * command's {@code --roles} creates roles with it).
     */
    static ToolSteps of(Layout layout, ClassLoader classLoader, java.util.Map<String, String> flywayProperties) {
        ToolSteps steps = of(layout, classLoader);
        String initSql = flywayProperties.get("flyway.initSql");
        if (initSql == null || initSql.isBlank()) {
            return steps;
        }
        return new ToolSteps() {
            @Override
            public MigrationFormat format() {
                return steps.format();
            }

            @Override
            public List<Migration> migrations() {
                return steps.migrations();
            }

            @Override
            public void migrateTo(Connection connection, int index) throws SQLException {
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute(initSql);
                }
                steps.migrateTo(connection, index);
            }

            @Override
            public void undo(Connection connection, int index) throws SQLException {
                steps.undo(connection, index);
            }

            @Override
            public List<String> applied(Connection connection) throws SQLException {
                return steps.applied(connection);
            }

            @Override
            public SchemaSnapshot snapshot(Connection connection) throws SQLException {
                return steps.snapshot(connection);
            }

            @Override
            public String historyLabel() {
                return steps.historyLabel();
            }
        };
    }

    /** The steps of a tool's folder, applied with the kit's own history. */
    private static ToolSteps folder(Layout layout) {
        List<Migration> migrations = Migrator.requireSome(layout);
        return new ToolSteps() {
            @Override
            public MigrationFormat format() {
                return layout.format();
            }

            @Override
            public List<Migration> migrations() {
                return migrations;
            }

            @Override
            public void migrateTo(Connection connection, int index) throws SQLException {
                KitHistory.on(connection).migrateTo(migrations, index);
            }

            @Override
            public void undo(Connection connection, int index) throws SQLException {
                KitHistory.on(connection).undo(migrations.get(index));
            }

            @Override
            public List<String> applied(Connection connection) throws SQLException {
                return KitHistory.on(connection).applied();
            }

            @Override
            public SchemaSnapshot snapshot(Connection connection) throws SQLException {
                return SchemaSnapshot.read(connection, KitHistory.on(connection).exclusions());
            }

            @Override
            public String historyLabel() {
                return "the kit's history table " + KitHistory.TABLE;
            }
        };
    }
}
