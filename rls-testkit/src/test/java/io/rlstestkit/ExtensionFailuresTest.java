package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension's failure paths, run through JUnit's engine test kit: each bad input fails with a message that
 * says what was expected, what was found and what to do.
 */
class ExtensionFailuresTest {

    private static final String SOUND = TestSchemas.SOUND;
    private static final String SEED = TestSchemas.SEED;

    @Test
    void aMigrationLocationThatDoesNotExist() {
        assertThat(classFailure(MissingLocation.class)).isEqualTo("Expecting Flyway migrations at"
                + " classpath:db/migrations, but that location does not exist on the test class path.\nPut the"
                + " migrations in src/main/resources/db/migration (or src/test/resources/...), or point @RlsTest("
                + "migrations = ...) or rlstestkit.migrations at their location.");
    }

    @RlsTest(migrations = "classpath:db/migrations")
    @Fixture
    static class MissingLocation {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Test
    void aMigrationWithASyntaxErrorNamesTheFileAndLine() {
        assertThat(classFailure(SyntaxError.class)).isEqualTo("Expecting every migration to apply, but"
                + " V2__broken.sql failed at line 3:\n  ERROR: syntax error at or near \"CREAT\" (SQLSTATE 42601)\n"
                + "  statement: CREAT TABLE gadgets (id int PRIMARY KEY)\nFix the migration; the kit migrates to head"
                + " before the first test of the configuration.");
    }

    @Test
    void aFailedMigrationCarriesFlywaysStackTraceOnlyWhereAsked() {
        Throwable failure = Fixtures.run(SyntaxError.class).containerEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow()).findFirst().orElseThrow();
        assertThat(failure).hasMessageStartingWith("Expecting every migration to apply").hasNoCause();
        System.setProperty(io.rlstestkit.internal.migration.Migrator.FLYWAY_STACK_TRACE, "true");
        try {
            Throwable asked = Fixtures.run(SyntaxErrorWithStackTrace.class).containerEvents().failed().stream()
                    .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                    .map(result -> result.getThrowable().orElseThrow()).findFirst().orElseThrow();
            assertThat(asked).hasMessage(failure.getMessage())
                    .hasCauseInstanceOf(org.flywaydb.core.api.FlywayException.class);
        } finally {
            System.clearProperty(io.rlstestkit.internal.migration.Migrator.FLYWAY_STACK_TRACE);
        }
    }

    /**
     * The same migrations as {@link SyntaxError}'s, at a location spelled otherwise: another set of migrations to the
     * kit, which migrates each set once per server, so that they migrate on their own.
     */
    @RlsTest(migrations = "filesystem:src/test/resources/fixtures/broken/syntax-error", tenants = "x")
    @Fixture
    static class SyntaxErrorWithStackTrace {
        @Test
        void test(Tenants tenants) {
        }
    }

    @RlsTest(migrations = "classpath:fixtures/broken/syntax-error")
    @Fixture
    static class SyntaxError {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Test
    void aSeedScriptThatFailsNamesTheTenantAndLine() {
        assertThat(classFailure(FailingSeed.class)).isEqualTo("Expecting the seed script"
                + " classpath:fixtures/broken/seed-with-error.sql to run for tenant a (id " + TestSchemas.A_ID
                + "), but it failed at line 2:\n  ERROR: new row for relation \"invoices\" violates check constraint"
                + " \"invoices_amount_check\"\n  Detail: Failing row contains (1, " + TestSchemas.A_ID
                + ", a-1, -5.00, null).\n  statement: INSERT INTO invoices (tenant_id, number, amount) VALUES ('"
                + TestSchemas.A_ID + "', 'a-1', -5)\nFix the script; it runs once per tenant, as the owner, with ${tenant.id}"
                + " and ${tenant.key} replaced.");
    }

    @RlsTest(migrations = SOUND, seed = "classpath:fixtures/broken/seed-with-error.sql", tenantRole = "app_user")
    @Fixture
    static class FailingSeed {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Test
    void aSeedScriptThatDoesNotExist() {
        assertThat(classFailure(MissingSeed.class)).isEqualTo("Expecting the seed script at"
                + " classpath:db/seed/tenants.sql, but there is no such resource on the test class path.\nPut it in"
                + " src/test/resources (db/seed/tenants.sql) or fix the location.");
    }

    @RlsTest(migrations = SOUND, seed = "classpath:db/seed/tenants.sql")
    @Fixture
    static class MissingSeed {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Test
    void anUnknownTenantKey() {
        assertThat(testFailure(UnknownTenant.class)).isEqualTo("Expecting a seeded tenant with key \"c\" but the"
                + " tenants are [a, b]. Add the key to @RlsTest(tenants = ...) or use one of those.");
    }

    @SoundSchema
    @Fixture
    static class UnknownTenant {
        @Test
        void test(@AsTenant("c") RlsSession c) {
        }
    }

    @Test
    void aTenantRoleThatDoesNotExist() {
        assertThat(testFailure(MissingTenantRole.class)).isEqualTo("Expecting role app_usr of the tenant a scope to"
                + " exist, but there is no such role. Roles there are: app_user, app_worker, postgres.\nCreate it in a"
                + " migration, or fix the role in the configuration (tenantRole).");
    }

    @RlsTest(migrations = SOUND, seed = SEED, tenantRole = "app_usr")
    @Fixture
    static class MissingTenantRole {
        @Test
        void test(@AsTenant("a") RlsSession a) {
        }
    }

    @Test
    void aWorkerRoleThatDoesNotExist() {
        assertThat(testFailure(MissingWorkerRole.class)).isEqualTo("Expecting role worker of the worker scope to"
                + " exist, but there is no such role. Roles there are: app_user, app_worker, postgres.\nCreate it in a"
                + " migration, or fix the role in the configuration (workerRole).");
    }

    @RlsTest(migrations = SOUND, seed = SEED, tenantRole = "app_user", workerRole = "worker")
    @Fixture
    static class MissingWorkerRole {
        @Test
        void test(@AsWorker RlsSession worker) {
        }
    }

    @Test
    void aSettingThatNoPolicyReads() {
        assertThat(testFailure(UnreadSetting.class)).isEqualTo("Expecting setting app.tenant_id of the tenant a scope"
                + " to be read by a policy or by a function, but no policy or function in the database reads it.\n"
                + "Settings read: app.current_tenant_id (policy tenant_isolation on public.invoices),"
                + " app.current_tenant_key (function public.current_tenant_key).\nSet tenantSetting to the setting the"
                + " policies read, or to \"\" where tenants are told apart by JWT claims or roles only.");
    }

    @RlsTest(migrations = SOUND, seed = SEED, tenantRole = "app_user", tenantSetting = "app.tenant_id")
    @Fixture
    static class UnreadSetting {
        @Test
        void test(@AsTenant("a") RlsSession a) {
        }
    }

    @Test
    void aSessionWithoutAScope() {
        assertThat(testFailure(Unscoped.class)).isEqualTo("Can only resolve an RlsSession with a scope: annotate the"
                + " parameter with @AsTenant(\"a\"), @AsWorker, @AsOwner or @AsScope(\"name\"), or annotate the test"
                + " method test with one of them.");
    }

    @SoundSchema
    @Fixture
    static class Unscoped {
        @Test
        void test(RlsSession session) {
        }
    }

    @Test
    void aScopeAnnotationOnAnotherType() {
        assertThat(testFailure(WrongType.class)).isEqualTo("Can only resolve a scope annotation on a parameter of type"
                + " io.rlstestkit.RlsSession but was: java.lang.String");
    }

    @SoundSchema
    @Fixture
    static class WrongType {
        @Test
        void test(@AsTenant("a") String session) {
        }
    }

    @Test
    void aSessionForTheWholeClass() {
        assertThat(classFailure(ClassLevelSession.class)).startsWith("Can only resolve RlsSession for a test method or"
                + " a @BeforeEach/@AfterEach method, but was asked for ");
    }

    @SoundSchema
    @Fixture
    static class ClassLevelSession {
        @BeforeAll
        static void arrange(@AsOwner RlsSession owner) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void anUnknownNamedScope() {
        assertThat(testFailure(UnknownScope.class)).isEqualTo("Expecting a scope named \"admin\" but the configuration"
                + " names none. Define it with RlsExtension.configure().scope(\"admin\", scope -> ...).");
    }

    @SoundSchema
    @Fixture
    static class UnknownScope {
        @Test
        void test(@AsScope("admin") RlsSession admin) {
        }
    }

    @Test
    void theExtensionWithoutAConfiguration() {
        assertThat(classFailure(Unconfigured.class)).isEqualTo("Expecting @RlsTest on "
                + Unconfigured.class.getName() + " or a class enclosing it, since RlsExtension was registered without a"
                + " configuration; annotate the class, or register RlsExtension.configure()...build() with"
                + " @RegisterExtension.");
    }

    @ExtendWith(RlsExtension.class)
    @Fixture
    static class Unconfigured {
        @Test
        void test(Tenants tenants) {
        }
    }

    /** Runs a fixture whose class fails, and returns the message of the class's failure. */
    static String classFailure(Class<?> fixture) {
        EngineExecutionResults results = Fixtures.run(fixture);
        return results.containerEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow(() -> new AssertionError("Expecting the class to fail, but it did not: "
                        + results.allEvents().list()));
    }

    /** Runs a fixture with one test that fails, and returns the message of its failure. */
    static String testFailure(Class<?> fixture) {
        EngineExecutionResults results = Fixtures.run(fixture);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        return results.testEvents().failed().stream()
                .map(event -> event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().orElseThrow().getMessage())
                .findFirst().orElseThrow();
    }
}
