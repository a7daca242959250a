package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.database.PostgresServer;
import io.rlstestkit.internal.migration.Locations;
import io.rlstestkit.internal.migration.Migrator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database that a set of migrations is migrated into once per server: the roles to create beforehand, the
 * Supabase preset, the migrations to head. Every template of these migrations (one per seed and tenants) is a copy
 * of it, so migrations that create roles without a guard ({@code CREATE ROLE app_user}) run once per server, as
 * they would on a real one, however many configurations share them.
 */
final class MigratedDatabase {

    private static final String DUPLICATE_OBJECT = "42710";

    private MigratedDatabase() {
    }

    /**
     * Creates and migrates the database.
     *
     * @throws KitException naming what failed; the database is dropped again
     */
    static void create(KitConfiguration configuration, PostgresServer server, String name) {
        server.createDatabase(name, null);
        try {
            createPreRoles(server, name, configuration.preRoles());
            if (configuration.supabase()) {
                runScript(server, name, Locations.read(Environment.SUPABASE_PRESET, MigratedDatabase.class.getClassLoader(),
                        "the Supabase preset"), "the Supabase preset");
            }
            new Migrator(configuration.migrations(), configuration.schemas(), configuration.flywayProperties(),
                    configuration.classLoader()).migrate(server.jdbcUrl(name), server.user(), server.password());
        } catch (RuntimeException e) {
            try {
                server.dropDatabase(name);
            } catch (RuntimeException ignored) {
                // reporting the original failure
            }
            throw e;
        }
    }

    /**
     * Creates each role that does not exist yet, {@code NOLOGIN}: the roles a platform makes before the project's
     * migrations run ({@code rds_iam} on Amazon RDS, an application role made by an init script).
     */
    static void createPreRoles(PostgresServer server, String database, List<String> roles) {
        if (roles.isEmpty()) {
            return;
        }
        try (Connection connection = server.connect(database);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?");
             Statement create = connection.createStatement()) {
            for (String role : roles) {
                exists.setString(1, role);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        continue;
                    }
                }
                try {
                    create.execute("CREATE ROLE " + Identifiers.quote(role) + " NOLOGIN");
                    server.roleCreated(role);
                } catch (SQLException e) {
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                        throw new KitException("Expecting to create role " + role + " (listed in preRoles) before"
                                + " migrating, on " + server.description() + ", but the server refused: "
                                + e.getMessage() + "\nCreate the role on the server beforehand, or let the kit's"
                                + " user " + server.user() + " create roles (CREATEROLE).", e);
                    }
                }
            }
        } catch (SQLException e) {
            throw new KitException("Expecting to create the roles " + roles + " (preRoles) before migrating, on "
                    + server.description() + ", but: " + e.getMessage(), e);
        }
    }

    private static void runScript(PostgresServer server, String database, String sql, String what) {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new KitException("Expecting " + what + " to run, but it failed: " + e.getMessage(), e);
        }
    }
}
