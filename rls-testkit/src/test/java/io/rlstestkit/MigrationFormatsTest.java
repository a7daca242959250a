package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.util.List;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * The same small multi-tenant schema (tenants, invoices and payments isolated per tenant, a worker that reads all,
 * in three migrations) written as each tool writes it, under {@code fixtures/formats/}: the deny matrix, the audit,
 * the round trip and the schema snapshot give the same results on each; where the tool has no down scripts, the round trip says so and
 * is reported as aborted, never as passed.
 */
class MigrationFormatsTest {

    private static final String FORMATS = "classpath:fixtures/formats/";

    /** The schema the Flyway fixture builds; every other tool's fixture builds the same. */
    static final String SNAPSHOT = "src/test/resources/fixtures/formats/schema-snapshot.txt";

    private static final List<String> DENY_TESTS = List.of(
            "invoices: a cannot SELECT rows of b", "invoices: a cannot INSERT rows for b",
            "invoices: a cannot UPDATE rows of b", "invoices: a cannot DELETE rows of b",
            "invoices: a cannot move its rows to b", "invoices: a cannot TRUNCATE",
            "invoices: b cannot SELECT rows of a", "invoices: b cannot INSERT rows for a",
            "invoices: b cannot UPDATE rows of a", "invoices: b cannot DELETE rows of a",
            "invoices: b cannot move its rows to a", "invoices: b cannot TRUNCATE",
            "payments: a cannot SELECT rows of b", "payments: a cannot INSERT rows for b",
            "payments: a cannot UPDATE rows of b", "payments: a cannot DELETE rows of b",
            "payments: a cannot attach rows to b's parents", "payments: a cannot attach rows to b's parents by UPDATE",
            "payments: a cannot move its rows to b",
            "payments: a cannot TRUNCATE",
            "payments: b cannot SELECT rows of a", "payments: b cannot INSERT rows for a",
            "payments: b cannot UPDATE rows of a", "payments: b cannot DELETE rows of a",
            "payments: b cannot attach rows to a's parents", "payments: b cannot attach rows to a's parents by UPDATE",
            "payments: b cannot move its rows to a",
            "payments: b cannot TRUNCATE");

    @Test
    void flywayWithUndoScripts() {
        assertEveryCheckPasses(Flyway.class);
    }

    @Test
    void golangMigrateDetectedFromItsUpAndDownFiles() {
        assertEveryCheckPasses(GolangMigrate.class);
    }

    @Test
    void dbmateNamedByItsPrefix() {
        assertEveryCheckPasses(Dbmate.class);
    }

    @Test
    void sqitchDeployAndRevertInThePlansOrder() {
        assertEveryCheckPasses(Sqitch.class);
    }

    @Test
    void alembicOfflineUpgradeAndDowngradeOutput() {
        assertEveryCheckPasses(Alembic.class);
    }

    @Test
    void liquibaseChangelogWithRollbackBlocks() {
        assertEveryCheckPasses(Liquibase.class);
    }

    @Test
    void supabaseHasNothingToUndo() {
        assertRoundTripHasNothingToUndo(Supabase.class, "supabase migrations have no down scripts: nothing to undo:"
                + " the 3 migrations at classpath:fixtures/formats/supabase/migrations applied one by one, and none"
                + " was undone.");
    }

    @Test
    void prismaHasNothingToUndo() {
        assertRoundTripHasNothingToUndo(Prisma.class, "prisma migrations have no down scripts: nothing to undo: the 3"
                + " migrations at classpath:fixtures/formats/prisma/migrations applied one by one, and none was"
                + " undone.");
    }

    @Test
    void drizzleHasNothingToUndo() {
        assertRoundTripHasNothingToUndo(Drizzle.class, "drizzle migrations have no down scripts: nothing to undo:"
                + " the 3 migrations at classpath:fixtures/formats/drizzle applied one by one, and none was undone.");
    }

    private static void assertEveryCheckPasses(Class<?> fixture) {
        EngineExecutionResults results = Fixtures.run(fixture);
        assertThat(names(results.testEvents().succeeded().stream())).containsExactlyInAnyOrderElementsOf(
                Stream.concat(DENY_TESTS.stream(), Stream.of("audit(RlsAudit)", "roundTrip(MigrationRoundTrip)",
                        "schema(MigrationRoundTrip)"))
                        .toList());
        results.testEvents().assertStatistics(stats -> stats.started(3 + DENY_TESTS.size()).succeeded(3 + DENY_TESTS.size()));
    }

    private static void assertRoundTripHasNothingToUndo(Class<?> fixture, String message) {
        EngineExecutionResults results = Fixtures.run(fixture);
        assertThat(names(results.testEvents().succeeded().stream())).containsExactlyInAnyOrderElementsOf(
                Stream.concat(DENY_TESTS.stream(), Stream.of("audit(RlsAudit)", "schema(MigrationRoundTrip)"))
                .toList());
        results.testEvents().assertStatistics(stats -> stats.started(3 + DENY_TESTS.size()).succeeded(2 + DENY_TESTS.size()).aborted(1));
        assertThat(results.testEvents().aborted().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()
                        .getMessage())).containsExactly(message);
    }

    private static List<String> names(Stream<Event> events) {
        return events.map(event -> event.getTestDescriptor().getDisplayName()).toList();
    }

    /** The checks each format's fixture runs: the deny matrix, the audit, the round trip. */
    abstract static class TheSameSchema {

        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }

        @Test
        void audit(RlsAudit audit) {
            audit.assertNoFindings();
        }

        @Test
        void roundTrip(MigrationRoundTrip roundTrip) {
            roundTrip.assertEveryStepReversible();
        }

        @Test
        void schema(MigrationRoundTrip roundTrip) {
            roundTrip.assertMatchesSnapshot(SNAPSHOT);
        }
    }

    @Fixture
    @RlsTest(migrations = "flyway:" + FORMATS + "flyway", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Flyway extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = FORMATS + "golang-migrate", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class GolangMigrate extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = "dbmate:fixtures/formats/dbmate", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Dbmate extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = "sql:" + FORMATS + "sqitch", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Sqitch extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = "sql-folder:" + FORMATS + "alembic", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Alembic extends TheSameSchema {

        /** Alembic's offline output keeps its own history in the schema: the one difference. */
        @Override
        @Test
        void schema(MigrationRoundTrip roundTrip) {
            assertThatThrownBy(() -> roundTrip.assertMatchesSnapshot(SNAPSHOT)).hasMessage("""

                    Expecting the schema that the migrations at sql-folder:classpath:fixtures/formats/alembic build to \
                    match the snapshot %s,
                    but:
                      table public.alembic_version: in the migrated schema, but not in the snapshot
                    If the change is intended, regenerate the snapshot: run the test with \
                    -Drlstestkit.snapshot.update=true, and commit %s.""".formatted(SNAPSHOT, SNAPSHOT));
        }
    }

    @Fixture
    @RlsTest(migrations = "liquibase:" + FORMATS + "liquibase/db.changelog-master.yaml", seed = TestSchemas.SEED,
            tenantRole = "app_user", workerRole = "app_worker")
    static class Liquibase extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = "supabase:" + FORMATS + "supabase", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Supabase extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = FORMATS + "prisma/migrations", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Prisma extends TheSameSchema {
    }

    @Fixture
    @RlsTest(migrations = FORMATS + "drizzle", seed = TestSchemas.SEED, tenantRole = "app_user",
            workerRole = "app_worker")
    static class Drizzle extends TheSameSchema {
    }
}
