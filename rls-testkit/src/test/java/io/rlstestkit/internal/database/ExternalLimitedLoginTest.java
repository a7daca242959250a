package io.rlstestkit.internal.database;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.Tenants;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The {@code external} provider with a login that is not a superuser, as a managed database gives one: CREATEDB and
 * CREATEROLE only. On the server that {@code rlstestkit.it.external-jdbc-url} names (CI's), or else one this test
 * starts; the login is made here. What works: the kit's databases, migrations (also {@code CREATE ROLE}), pre-roles.
 * What fails, each with the server's message: seeding a table with FORCE ROW LEVEL SECURITY (the login owns it and
 * has no BYPASSRLS), switching to a tenant role the login is not a member of, and the Supabase preset (its
 * {@code service_role} has BYPASSRLS). README's "Where PostgreSQL comes from" says what to do about each.
 */
class ExternalLimitedLoginTest {

    private static final String LOGIN = "rls_it_limited_" + UUID.randomUUID().toString().substring(0, 8);
    private static PostgresServer started;
    private static String adminUrl;
    private static String adminUser;
    private static String adminPassword;
    private static String url;

    @BeforeAll
    static void makeTheLogin() throws SQLException {
        String configured = System.getProperty(ExternalProviderTest.URL_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Properties parsed = Driver.parseURL(configured, new Properties());
            adminUser = System.getProperty(ExternalProviderTest.USER_PROPERTY, parsed.getProperty("user", "postgres"));
            adminPassword = System.getProperty(ExternalProviderTest.PASSWORD_PROPERTY, parsed.getProperty("password"));
            adminUrl = "jdbc:postgresql://" + parsed.getProperty("PGHOST", "localhost") + ":"
                    + parsed.getProperty("PGPORT", "5432") + "/" + parsed.getProperty("PGDBNAME", "postgres");
        } else {
            started = new EmbeddedProvider().start();
            adminUrl = started.jdbcUrl("postgres");
            adminUser = started.user();
        }
        url = adminUrl;
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + LOGIN + " LOGIN CREATEDB CREATEROLE PASSWORD 'limited'");
        }
    }

    @AfterAll
    static void dropTheLogin() throws SQLException {
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS " + LOGIN);
        } catch (SQLException e) {
            // the login still owns the kit's databases, which the kit drops when the JVM's tests end: on CI's
            // throwaway server the login stays until the server goes
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private static Connection admin() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", adminUser);
        if (adminPassword != null) {
            properties.setProperty("password", adminPassword);
        }
        return DriverManager.getConnection(adminUrl, properties);
    }

    private static EngineExecutionResults run(Class<?> fixture) {
        return Fixtures.run(fixture, Map.of("rlstestkit.provider", "external", "rlstestkit.jdbc-url", url,
                "rlstestkit.user", LOGIN, "rlstestkit.password", "limited"));
    }

    private static String failures(EngineExecutionResults results) {
        return results.allEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow().getMessage())
                .reduce("", (a, b) -> a + "\n---\n" + b);
    }

    @Test
    void migratesIncludingCreateRoleAndPreRolesButCannotSeedATableWithForcedRowLevelSecurity() {
        // the login owns the tables; FORCE ROW LEVEL SECURITY holds for an owner without BYPASSRLS
        assertThat(failures(run(PreRoles.class))).contains("Expecting the seed script"
                + " classpath:fixtures/seed/unguarded-one-note.sql to run for tenant a", "ERROR: new row violates"
                + " row-level security policy for table \"notes\"");
        assertThat(failures(run(Sound.class))).contains("ERROR: new row violates row-level security policy for table"
                + " \"invoices\"");
    }

    @Test
    void cannotSwitchToATenantRoleItIsNotAMemberOf() {
        assertThat(failures(run(NoSeed.class))).contains("Could not run the statement in tenant b (role app_user,"
                + " app.current_tenant_id = '52242ed7-a53a-3503-91ca-30fa62702096'): ERROR: permission denied to set"
                + " role \"app_user\"");
    }

    @Test
    void cannotRunTheSupabasePresetWhichCreatesABypassrlsRole() {
        // PostgreSQL 16 and newer: "permission denied to create role ... Only roles with the BYPASSRLS attribute may
        // create roles with the BYPASSRLS attribute"; 14 and 15: "must be superuser to create bypassrls users"
        assertThat(failures(run(Supabase.class))).contains("Expecting the Supabase preset to run, but it failed:"
                + " ERROR: ").containsIgnoringCase("bypassrls");
    }

    @RlsTest(migrations = TestSchemas.SOUND, tenantRole = "app_user")
    @Fixture
    static class NoSeed {
        @Test
        void tenantsSeeNothing(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).query("select * from invoices").returnsNoRows();
            assertThat(b).execute("insert into invoices (tenant_id, number, amount) values (?, 'x-1', 1)",
                    tenants.get("a").id()).violatesPolicy();
        }
    }

    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    @Fixture
    static class Sound {
        @Test
        void tenantsAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
        }
    }

    @RlsTest(supabase = true, migrations = "classpath:fixtures/supabase", seed = "classpath:fixtures/supabase/seed.sql",
            tenantColumn = "user_id")
    @Fixture
    static class Supabase {
        @Test
        void usersAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("notes").rowsOf(tenants.get("a"));
        }
    }

    @RlsTest(migrations = "classpath:fixtures/pre-roles", preRoles = {"rds_iam", "app_user"}, tenantRole = "app_user",
            seed = "classpath:fixtures/seed/unguarded-one-note.sql")
    @Fixture
    static class PreRoles {
        @Test
        void tenantsAreIsolated(@AsOwner RlsSession owner, @AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("notes").rowsOf(tenants.get("a"));
        }
    }
}
