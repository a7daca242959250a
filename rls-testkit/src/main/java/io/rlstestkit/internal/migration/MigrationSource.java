package io.rlstestkit.internal.migration;

import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where a configuration's migrations are and how Flyway is configured for them.
 *
 * @param locations        Flyway locations
 * @param schemas          Flyway schemas (may be empty)
 * @param flywayProperties further Flyway configuration, as Flyway's {@code flyway.*} properties
 * @param classLoader      where {@code classpath:} locations are found
 */
@API(status = INTERNAL)
public record MigrationSource(List<String> locations, List<String> schemas, Map<String, String> flywayProperties,
                              ClassLoader classLoader) {

    public MigrationSource {
        locations = List.copyOf(locations);
        schemas = List.copyOf(schemas);
        flywayProperties = Map.copyOf(flywayProperties);
    }

    /** The locations, for messages. */
    public String label() {
        return String.join(", ", locations);
    }

    /** The tool whose migrations the locations hold, and where they are. */
    public Layout layout() {
        return Layout.of(locations, classLoader);
    }

    /** The locations as Flyway takes them: without the {@code flyway:} prefix that names the tool. */
    public List<String> flywayLocations() {
        return locations.stream().map(Migrator::withoutFlywayPrefix).toList();
    }

    /** Flyway for a scratch database, as the kit migrates the configuration's databases. */
    public Flyway flyway(ScratchDatabase database) {
        return new Migrator(locations, schemas, flywayProperties, classLoader)
                .flyway(database.jdbcUrl(), database.user(), database.password());
    }

    /** Flyway for a scratch database, migrating up to a version and no further, without validating first. */
    public Flyway flywayTo(ScratchDatabase database, MigrationVersion target) {
        FluentConfiguration configuration = Flyway.configure(classLoader)
                .configuration(flyway(database).getConfiguration())
                .target(target)
                .validateOnMigrate(false);
        return configuration.load();
    }
}
