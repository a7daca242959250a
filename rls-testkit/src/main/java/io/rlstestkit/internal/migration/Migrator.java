package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Migrates a database to head with Flyway and turns Flyway's failures into messages that say what to do. */
@API(status = INTERNAL)
public final class Migrator {

    /** The system property that keeps Flyway's exception, with its stack trace, as the cause of a failed migration. */
    public static final String FLYWAY_STACK_TRACE = "rlstestkit.flyway-stack-trace";

    private final List<String> locations;
    private final List<String> schemas;
    private final Map<String, String> flywayProperties;
    private final ClassLoader classLoader;

    /**
     * A migrator.
     *
     * @param locations        Flyway locations
     * @param schemas          Flyway schemas (may be empty)
     * @param flywayProperties further Flyway configuration, as Flyway's {@code flyway.*} properties
     * @param classLoader      where {@code classpath:} locations are found
     */
    public Migrator(List<String> locations, List<String> schemas, Map<String, String> flywayProperties,
                    ClassLoader classLoader) {
        this.locations = List.copyOf(locations);
        this.schemas = List.copyOf(schemas);
        this.flywayProperties = Map.copyOf(flywayProperties);
        this.classLoader = classLoader;
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
        Locations.requireExisting(locations, classLoader);
        Flyway flyway = flyway(jdbcUrl, user, password);
        if (flyway.info().all().length == 0) {
            throw new KitException("Expecting Flyway migrations (V<version>__<description>.sql) at "
                    + String.join(", ", locations) + ", but Flyway found none there.\nAdd the migrations, or point"
                    + " @RlsTest(migrations = ...) at the folder that holds them.");
        }
        try {
            return flyway.migrate().migrationsExecuted;
        } catch (FlywayException e) {
            // The message names the migration and the server's error; Flyway's own stack trace only on request.
            throw Boolean.getBoolean(FLYWAY_STACK_TRACE) ? new KitException(describe(e), e)
                    : new KitException(describe(e));
        }
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
