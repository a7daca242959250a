package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import io.rlstestkit.internal.migration.Migration.Sql;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * A Liquibase changelog (XML, YAML, JSON or formatted SQL), stepped through by Liquibase itself: each changeset is a
 * version, applied with {@code update(count)}, undone with {@code rollback(1)} (its {@code rollback} block, or the
 * rollback Liquibase generates for changes such as {@code createTable}). Liquibase keeps its own history,
 * {@code databasechangelog}, and its lock table, both left out of snapshots.
 */
final class LiquibaseSteps implements ToolSteps {

    /** Liquibase's logger, held so that the level set on it stays. */
    private static final Logger LOGGER = Logger.getLogger("liquibase");
    private static final Pattern FAILED_SQL = Pattern.compile("\\[Failed SQL: \\(\\d+\\) (.*)]", Pattern.DOTALL);

    private final String changelog;
    private final ResourceAccessor resources;
    private final List<Migration> migrations;

    private LiquibaseSteps(String changelog, ResourceAccessor resources, List<Migration> migrations) {
        this.changelog = changelog;
        this.resources = resources;
        this.migrations = migrations;
    }

    /** The changesets of the changelog at a location: {@code classpath:db/changelog.xml}, {@code filesystem:...}. */
    static LiquibaseSteps of(String location, ClassLoader classLoader) {
        String changelog;
        ResourceAccessor resources;
        try {
            if (location.startsWith("filesystem:")) {
                Path file = Path.of(location.substring("filesystem:".length())).toAbsolutePath();
                if (!Files.isRegularFile(file)) {
                    throw missing(location);
                }
                resources = new DirectoryResourceAccessor(file.getParent());
                changelog = file.getFileName().toString();
            } else {
                changelog = (location.startsWith("classpath:") ? location.substring("classpath:".length()) : location)
                        .replaceAll("^/+", "");
                if (classLoader.getResource(changelog) == null) {
                    throw missing(location);
                }
                resources = new ClassLoaderResourceAccessor(classLoader);
            }
        } catch (FileNotFoundException e) {
            throw missing(location);
        }
        List<Migration> migrations = new ArrayList<>();
        for (ChangeSet changeSet : parse(changelog, resources, location)) {
            boolean undoable = changeSet.getRollback() != null && !changeSet.getRollback().getChanges().isEmpty()
                    || changeSet.supportsRollback(new PostgresDatabase());
            Sql sql = Sql.of(changeSet.getFilePath(), "");
            migrations.add(new Migration(changeSet.getId(), changeSet.getAuthor(), sql, undoable ? sql : null, true,
                    "add a rollback block to changeset " + changeSet.getId() + " (by " + changeSet.getAuthor()
                            + ")"));
        }
        if (migrations.isEmpty()) {
            throw new KitException("Expecting changesets in the Liquibase changelog at " + location + ", but it has"
                    + " none.\nAdd them, or point the location at the master changelog.");
        }
        return new LiquibaseSteps(changelog, resources, migrations);
    }

    private static KitException missing(String location) {
        return new KitException("Expecting a Liquibase changelog at " + location + ", but there is no such file"
                + (location.startsWith("filesystem:") ? " (working directory: "
                + Path.of("").toAbsolutePath().getFileName() + ")" : " on the test class path") + ".\nPoint the"
                + " location at the master changelog: liquibase:classpath:db/changelog/db.changelog-master.yaml.");
    }

    private static List<ChangeSet> parse(String changelog, ResourceAccessor resources, String location) {
        try {
            return quietly(() -> {
                try (Liquibase liquibase = new Liquibase(changelog, resources, new PostgresDatabase())) {
                    DatabaseChangeLog log = liquibase.getDatabaseChangeLog();
                    return log.getChangeSets();
                }
            });
        } catch (LiquibaseException e) {
            throw new KitException("Expecting a Liquibase changelog at " + location + " that Liquibase can read, but"
                    + " it cannot: " + SqlScript.firstLine(e.getMessage()), e);
        }
    }

    /** Runs Liquibase with its messages sent to its logger, and its logger at WARNING. */
    private static <T> T quietly(Scope.ScopedRunnerWithReturn<T> work) throws LiquibaseException {
        LOGGER.setLevel(Level.WARNING);
        try {
            return Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), work);
        } catch (LiquibaseException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LiquibaseException(e);
        }
    }

    @Override
    public MigrationFormat format() {
        return MigrationFormat.LIQUIBASE;
    }

    @Override
    public List<Migration> migrations() {
        return migrations;
    }

    @Override
    public void migrateTo(Connection connection, int index) throws SQLException {
        int pending = index + 1 - applied(connection).size();
        if (pending > 0) {
            run(connection, migrations.get(index), liquibase -> liquibase.update(pending, new Contexts(),
                    new LabelExpression()));
        }
    }

    @Override
    public void undo(Connection connection, int index) throws SQLException {
        run(connection, migrations.get(index), liquibase -> liquibase.rollback(1, (String) null));
    }

    @Override
    public List<String> applied(Connection connection) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        return versions;
    }

    @Override
    public SchemaSnapshot snapshot(Connection connection) throws SQLException {
        SchemaSnapshot schema = SchemaSnapshot.read(connection, new SchemaSnapshot.Exclusions("databasechangelog",
                Set.of()));
        return SchemaSnapshot.of(schema.objects().values().stream()
                .filter(object -> !mentionsLock(object.key()) && !mentionsLock(object.parent())).toList());
    }

    private static boolean mentionsLock(String key) {
        return key != null && key.toLowerCase(Locale.ROOT).contains("databasechangeloglock");
    }

    @Override
    public String historyLabel() {
        return "Liquibase's databasechangelog";
    }

    /** Where a statement starts in a changelog file ({@code " at line 8"}), where the file holds it as written. */
    private String line(String file, String statement) {
        if (statement == null) {
            return "";
        }
        try (InputStream in = resources.getExisting(file).openInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int at = text.indexOf(statement.substring(0, Math.min(statement.length(), 40)));
            return at < 0 ? "" : " at line " + (text.substring(0, at).chars().filter(c -> c == '\n').count() + 1);
        } catch (IOException e) {
            return "";
        }
    }

    private interface Work {
        void run(Liquibase liquibase) throws LiquibaseException;
    }

    /** Runs Liquibase on a connection, which stays open; a failure names the changeset, its file and statement. */
    private void run(Connection connection, Migration migration, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            quietly(() -> {
                work.run(new Liquibase(changelog, resources, database));
                return null;
            });
        } catch (LiquibaseException e) {
            throw failure(migration, e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private KitHistory.Failure failure(Migration migration, LiquibaseException e) {
        SQLException server = null;
        for (Throwable cause = e; cause != null && server == null; cause = cause.getCause()) {
            server = cause instanceof SQLException sql ? sql : null;
        }
        Matcher failed = FAILED_SQL.matcher(String.valueOf(e.getMessage()));
        String statement = failed.find() ? failed.group(1).strip() : null;
        String changeSet = migration.file() + " (changeset " + migration.version() + " by "
                + migration.description() + ")";
        return new KitHistory.Failure(changeSet, statement, line(migration.file(), statement), server != null ? server
                : new SQLException(SqlScript.firstLine(e.getMessage())));
    }
}
