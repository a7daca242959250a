package io.rlstestkit.internal.environment;

import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.database.ClusterCache;
import io.rlstestkit.internal.database.DatabasePool;
import io.rlstestkit.internal.database.PostgresServer;
import io.rlstestkit.internal.migration.Locations;
import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.tenant.AccountMembers;
import io.rlstestkit.internal.tenant.Seeder;
import io.rlstestkit.internal.tenant.TenantIds;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A configuration made real: a template database migrated to head and seeded, on a server whose roles no other
 * configuration shares, and the copies of it that tests run in.
 */
@API(status = INTERNAL)
public final class Environment implements AutoCloseable {

    static final String SUPABASE_PRESET = "classpath:io/rlstestkit/preset/supabase.sql";

    private final KitConfiguration configuration;
    private final PostgresServer server;
    private final String template;
    private final String tenantType;
    private final Tenants tenants;
    private final Map<String, String> settingsRead;
    private final List<TableInfo> rlsTables;
    private final DatabasePool pool;
    private final Map<Scope, String> checkedScopes = new ConcurrentHashMap<>();
    private int activeTests;
    private long lastUsed = System.nanoTime();
    private boolean retired;

    private Environment(KitConfiguration configuration, PostgresServer server, String template, String tenantType,
                        Map<String, String> settingsRead, List<TableInfo> rlsTables, DatabasePool pool) {
        this.configuration = configuration;
        this.server = server;
        this.template = template;
        this.tenantType = tenantType;
        this.tenants = new Tenants(TenantIds.assign(configuration.tenants(), tenantType));
        this.settingsRead = settingsRead;
        this.rlsTables = rlsTables;
        this.pool = pool;
        ProofLog.instance().environment(label(), rlsTables.stream().map(TableInfo::displayName).toList());
    }

    /**
     * Creates the template database: a copy of the migrated database (see {@link MigratedDatabase}), with the tenant
     * ids and the seed.
     */
    static Environment create(KitConfiguration configuration, PostgresServer server, String migrated, String template,
                              ExecutorService background, int poolSize) {
        server.createDatabase(template, migrated);
        try {
            ClassLoader loader = configuration.classLoader();
            String tenantType;
            Tenants tenants;
            Map<String, String> settingsRead;
            List<TableInfo> rlsTables;
            DatabasePool pool;
            try (Connection connection = server.connect(template)) {
                Catalog catalog = new Catalog(connection);
                tenantType = tenantType(configuration, catalog);
                tenants = new Tenants(TenantIds.assign(configuration.tenants(), tenantType));
                if (configuration.supabase()) {
                    insertSupabaseUsers(connection, tenants, configuration.accountMembers());
                }
                if (!configuration.seed().isEmpty()) {
                    String script = Locations.read(configuration.seed(), loader, "the seed script");
                    for (Tenant tenant : tenants) {
                        Seeder.seed(connection, configuration.seed(), script.replace(AccountMembers.USER_PLACEHOLDER,
                                String.valueOf(AccountMembers.userOf(tenant, configuration.accountMembers()))), tenant);
                    }
                }
                settingsRead = catalog.settingsRead();
                rlsTables = rlsTables(configuration, catalog);
                pool = new DatabasePool(server, template, connection, background, poolSize);
            }
            return new Environment(configuration, server, template, tenantType, settingsRead, rlsTables, pool);
        } catch (SQLException e) {
            dropQuietly(server, template);
            throw new KitException("Could not prepare the test database on " + server.description() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            dropQuietly(server, template);
            throw e;
        }
    }

    /**
     * Takes over a template database that a kept cluster brought along, migrated and seeded by an earlier run from
     * the same inputs, with what that run read of its catalog (the tenant column's type, the settings the policies
     * read, the tables with row-level security): nothing is migrated, seeded or read again.
     */
    static Environment adopt(KitConfiguration configuration, PostgresServer server, String template, KeptCatalog kept,
                             ExecutorService background, int poolSize) {
        DatabasePool pool;
        try (Connection connection = server.connect(template)) {
            pool = new DatabasePool(server, template, connection, background, poolSize);
        } catch (SQLException e) {
            throw new KitException("Expecting to read the kept test database " + template + " on "
                    + server.description() + ", but could not: " + e.getMessage() + "\nRun with -D"
                    + ClusterCache.ENABLED_KEY + "=false to make it afresh.", e);
        }
        return new Environment(configuration, server, template, kept.tenantType(), kept.settingsRead(),
                kept.rlsTables(), pool);
    }

    /** What to keep of the catalog with a template entry, for {@link #adopt}. */
    KeptCatalog keptCatalog() {
        return new KeptCatalog(tenantType, settingsRead, rlsTables);
    }

    /** The type of the tenants' ids: UUIDs with the Supabase preset, else the tenant column's type. */
    private static String tenantType(KitConfiguration configuration, Catalog catalog) {
        return configuration.supabase() ? "uuid" : TenantIds.columnType(catalog, configuration.tenantColumn());
    }

    /** The tables with row-level security that the kit covers: the Supabase preset's own left out. */
    private static List<TableInfo> rlsTables(KitConfiguration configuration, Catalog catalog) throws SQLException {
        return catalog.rlsTables().stream()
                .filter(table -> !PresetTables.leftOut(configuration.supabase(), table, catalog)).toList();
    }

    /** The users of the tenants: each tenant, or each account's member user. */
    private static void insertSupabaseUsers(Connection connection, Tenants tenants, boolean accountMembers)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO auth.users (id, email) VALUES (?::uuid, ?) ON CONFLICT DO NOTHING")) {
            for (Tenant tenant : tenants) {
                insert.setString(1, String.valueOf(AccountMembers.userOf(tenant, accountMembers)));
                insert.setString(2, tenant.key() + "@example.test");
                insert.execute();
            }
        }
    }

    private static void dropQuietly(PostgresServer server, String database) {
        try {
            server.dropDatabase(database);
        } catch (RuntimeException ignored) {
            // reporting the original failure
        }
    }

    /** A label for reports: the migration locations. */
    public String label() {
        return String.join(", ", configuration.migrations());
    }

    /**
     * The configuration of the first test class that needed this environment. What makes the environment (the
     * migrations, the seed, the tenants) is the same for every class that shares it; the scopes may differ, and each
     * test takes them from its own class's configuration.
     */
    public KitConfiguration configuration() {
        return configuration;
    }

    /** The server. */
    public PostgresServer server() {
        return server;
    }

    /** The template database's name. */
    public String template() {
        return template;
    }

    /** The seeded tenants. */
    public Tenants tenants() {
        return tenants;
    }

    /** The settings the schema's policies and functions read, each with the first place that reads it. */
    public Map<String, String> settingsRead() {
        return settingsRead;
    }

    /** The tables with row-level security, as migrated. */
    public List<TableInfo> rlsTables() {
        return rlsTables;
    }

    /** The copies of the template. */
    public DatabasePool pool() {
        return pool;
    }

    /** The description of a scope that passed the bypass guard, computed once per scope. */
    String checkedScope(Scope scope, java.util.function.Function<Scope, String> check) {
        return checkedScopes.computeIfAbsent(scope, check);
    }

    /**
     * Starts a test: it gets a copy of the template on first use. {@code null} where the environment was retired
     * (its server stopped to make room for others): the caller asks {@link Environments} again.
     *
     * @param configuration the configuration of the test's class: its scopes and tenant columns
     * @param source        the test class, for reports
     */
    synchronized TestRun startTest(KitConfiguration configuration, String source) {
        if (retired) {
            return null;
        }
        activeTests++;
        lastUsed = System.nanoTime();
        return new TestRun(this, configuration, source);
    }

    /** A test of this environment ended. */
    synchronized void testEnded() {
        activeTests--;
        lastUsed = System.nanoTime();
    }

    /** When a test last started or ended here ({@link System#nanoTime()}). */
    synchronized long lastUsed() {
        return lastUsed;
    }

    /** Retires the environment unless a test runs in it: no test starts here any more. */
    synchronized boolean retire() {
        if (activeTests > 0) {
            return false;
        }
        retired = true;
        return true;
    }

    @Override
    public void close() {
        pool.close();
        if (!server.ownedByKit()) {
            dropQuietly(server, template);
        }
    }
}
