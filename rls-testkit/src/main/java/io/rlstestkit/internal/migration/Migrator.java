package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Migrates a database to head, with Flyway or, for the folders of other tools, with the kit's own history, and turns
 * failures into messages that say what to do.
 */
@API(status = INTERNAL)
public final class Migrator {

    /** The system property that keeps Flyway's exception, with its stack trace, as the cause of a failed migration. */
    public static final String FLYWAY_STACK_TRACE = "rlstestkit.flyway-stack-trace";

    private final List<String> configured;
    private final List<String> locations;
    private final List<String> schemas;
    private final Map<String, String> flywayProperties;
    private final ClassLoader classLoader;

    /**
     * A migrator.
     *
     * @param locations        locations: Flyway's, or another tool's ({@code golang-migrate:db/migrations})
     * @param schemas          Flyway schemas (may be empty)
     * @param flywayProperties further Flyway configuration, as Flyway's {@code flyway.*} properties
     * @param classLoader      where {@code classpath:} locations are found
     */
    public Migrator(List<String> locations, List<String> schemas, Map<String, String> flywayProperties,
                    ClassLoader classLoader) {
        this.configured = List.copyOf(locations);
        this.locations = locations.stream().map(Migrator::withoutFlywayPrefix).toList();
        this.schemas = List.copyOf(schemas);
        this.flywayProperties = Map.copyOf(flywayProperties);
        this.classLoader = classLoader;
    }

    /** A location as Flyway takes it: without the {@code flyway:} prefix that names the tool. */
    static String withoutFlywayPrefix(String location) {
        String text = location.strip();
        return text.startsWith("flyway:") ? text.substring("flyway:".length()) : text;
    }

    /** Flyway, configured for a database. */
    public Flyway flyway(String jdbcUrl, String user, String password) {
        FluentConfiguration configuration = Flyway.configure(classLoader)
                .configuration(flywayProperties)
                .dataSource(jdbcUrl, user, password)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true);
        if (!schemas.isEmpty()) {
            configuration.schemas(schemas.toArray(String[]::new));
        }
        return configuration.load();
    }

    /**
     * Migrates a database to head.
     *
     * @return how many migrations were applied
     * @throws KitException naming the location, or the migration file, line and server error that failed
     */
    public int migrate(String jdbcUrl, String user, String password) {
        Layout layout = Layout.of(configured, classLoader);
        if (layout.format() != MigrationFormat.FLYWAY) {
            return migrateTool(ToolSteps.of(layout, classLoader, flywayProperties), jdbcUrl, user, password);
        }
        Locations.requireExisting(locations, classLoader);
        Flyway flyway = flyway(jdbcUrl, user, password);
        int executed;
        try {
            executed = flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            // The message names the migration and the server's error; Flyway's own stack trace only on request.
            throw Boolean.getBoolean(FLYWAY_STACK_TRACE) ? new KitException(describe(e), e)
                    : new KitException(describe(e));
        }
        // only where nothing ran: asking Flyway for its info first costs a second scan and validation every time
        if (executed == 0 && flyway.info().all().length == 0) {
            throw new KitException("Expecting Flyway migrations (V<version>__<description>.sql) at "
                    + String.join(", ", locations) + ", but Flyway found none there.\nAdd the migrations, or point"
                    + " @RlsTest(migrations = ...) at the folder that holds them.");
        }
        return executed;
    }

    private static int migrateTool(ToolSteps steps, String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            steps.migrateTo(connection, steps.migrations().size() - 1);
            return steps.migrations().size();
        } catch (KitHistory.Failure failure) {
            throw new KitException(failure.describeForTests(), failure);
        } catch (SQLException e) {
            throw new KitException("Could not migrate " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** The migrations of a tool's folder, which must hold some. */
    static List<Migration> requireSome(Layout layout) {
        List<Migration> migrations = layout.migrations();
        if (migrations.isEmpty()) {
            throw new KitException("Expecting " + layout.format().label() + " migrations (" + layout.format().naming()
                    + ") at " + layout.label() + ", but found none there.\nAdd the migrations, or point"
                    + " @RlsTest(migrations = ...) at the folder that holds them.");
        }
        return migrations;
    }

    /** A message for a failed migration: the file, the line, the statement and the server's error. */
    static String describe(FlywayException e) {
        FlywaySqlScriptException script = find(e, FlywaySqlScriptException.class);
        FlywayMigrateException migrate = find(e, FlywayMigrateException.class);
        if (script != null) {
            String file = script.getResource() == null ? "a migration" : script.getResource().getFilename();
            String server = script.getCause() == null ? script.getMessage() : script.getCause().getMessage();
            return "Expecting every migration to apply, but " + file + " failed at line " + script.getLineNumber()
                    + ":\n  " + SqlScript.firstLine(server) + (script.getSqlState() == null ? ""
                    : " (SQLSTATE " + script.getSqlState() + ")") + "\n  statement: "
                    + SqlScript.abbreviate(script.getStatement() == null ? null
                    : SqlScript.withoutLeadingComments(script.getStatement())) + "\nFix the migration; the kit migrates "
                    + "to head before the first test of the configuration.";
        }
        if (migrate != null && migrate.getMigration() != null) {
            return "Expecting every migration to apply, but " + migrate.getMigration().getScript() + " failed:\n  "
                    + SqlScript.firstLine(migrate.getMessage()) + "\nFix the migration.";
        }
        return "Expecting Flyway to migrate to head, but it failed: " + e.getMessage();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
