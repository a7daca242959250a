package io.rlstestkit;

import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * Migration sources other than Flyway on broken migrations and bad input: a down script that forgets a policy, in
 * golang-migrate and dbmate form, caught with the policy named; unknown prefixes, ambiguous, missing and misnamed
 * folders, and syntax errors; a broken variant layered as a plain SQL folder on another tool's migrations, each with a message that says what was expected, what was found and what to do.
 */
class MigrationSourcesTest {

    private static final String BROKEN = "classpath:fixtures/formats/broken/";

    @Test
    void aGolangMigrateDownScriptThatForgetsAPolicyIsCaughtWithThePolicyNamed() {
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "golang-migrate:" + BROKEN + "golang-migrate").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting every migration at classpath:fixtures/formats/broken/golang-migrate to be reversible: its \
                down script restores the schema before it, and migrating it again, the schema after it,
                but:
                  policy worker_reads_all on public.payments: still present after undo of version 000002
                  000002_row_level_security.up.sql: failed when migrated again after its undo, at line 14: ERROR: \
                policy "worker_reads_all" for table "payments" already exists (SQLSTATE 42710)
                    statement: CREATE POLICY worker_reads_all ON payments FOR SELECT TO app_worker USING (true)
                  (the round trip stopped at version 000002)
                Versions checked: 000001, 000002 (of 000001, 000002, 000003).""");
    }

    @Test
    void aDbmateDownSectionThatForgetsAPolicyIsCaughtWithThePolicyNamed() {
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(), BROKEN + "dbmate")
                .assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting every migration at classpath:fixtures/formats/broken/dbmate to be reversible: its down \
                script restores the schema before it, and migrating it again, the schema after it,
                but:
                  policy worker_reads_all on public.payments: still present after undo of version 20240101120001
                  20240101120001_row_level_security.sql: failed when migrated again after its undo, at line 15: \
                ERROR: policy "worker_reads_all" for table "payments" already exists (SQLSTATE 42710)
                    statement: CREATE POLICY worker_reads_all ON payments FOR SELECT TO app_worker USING (true)
                  (the round trip stopped at version 20240101120001)
                Versions checked: 20240101120000, 20240101120001 (of 20240101120000, 20240101120001, \
                20240101120002).""");
    }

    @Test
    void aBrokenVariantLayeredAsAPlainSqlFolderOnAnotherToolsMigrationsIsAudited() {
        EngineExecutionResults results = Fixtures.run(Layered.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void flywayAndAnotherToolsFolderAreNotMixed() {
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "classpath:fixtures/formats/golang-migrate", "classpath:fixtures/formats/flyway")
                .assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting the locations to hold either Flyway's migrations or other tools'"
                + " folders, but they mix them: classpath:fixtures/formats/golang-migrate (golang-migrate),"
                + " classpath:fixtures/formats/flyway (Flyway).\nThe kit applies Flyway's locations with Flyway, and"
                + " other tools' folders one after the other with its own history; write the extra migrations as the"
                + " project's tool writes them, or as a plain SQL folder (sql:).");
    }

    @Test
    void anUnknownPrefixNamesThePrefixesTheKitKnows() {
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(), "flyaway:db/migration")
                .assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting a migration location such as classpath:db/migration or"
                + " filesystem:db/migration, or one that names its tool (flyway:, golang-migrate:, dbmate:, supabase:,"
                + " prisma:, drizzle:, liquibase:, sql:, sql-folder:), but \"flyaway:db/migration\" starts with"
                + " flyaway:, which names none of them.\nUse one of those prefixes, or none to let the kit tell the"
                + " tool from the file names.");
    }

    @Test
    void aFolderWithTheFilesOfTwoToolsIsAmbiguous(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__tenants.sql"), "CREATE TABLE tenants (id int);");
        Files.writeString(folder.resolve("000002_notes.up.sql"), "CREATE TABLE notes (id int);");
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(folder).assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting the migrations at filesystem:" + folder + " to be laid out as one"
                + " tool lays them out, but the folder holds files of golang-migrate (000002_notes.up.sql) and Flyway"
                + " (V1__tenants.sql).\nMove the files of one tool elsewhere, or name the tool with a prefix:"
                + " golang-migrate:filesystem:" + folder + " or flyway:filesystem:" + folder + ".");
    }

    @Test
    void aMissingFolderNamedByItsTool() {
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "golang-migrate:filesystem:db/migrations").assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting golang-migrate migrations at filesystem:db/migrations, but that"
                + " location does not exist (working directory: rls-testkit).\nPoint @RlsTest(migrations = ...) or"
                + " rlstestkit.migrations at the folder that holds them.");
    }

    @Test
    void anEmptyFolderNamedByItsToolSaysWhatItExpected(@TempDir Path folder) {
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "golang-migrate:filesystem:" + folder).assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting golang-migrate migrations (<version>_<title>.up.sql, with"
                + " <version>_<title>.down.sql beside it) at filesystem:" + folder + ", but found none there.\nAdd the"
                + " migrations, or point @RlsTest(migrations = ...) at the folder that holds them.");
    }

    @Test
    void flywaysValidationRefusesAnotherToolsMigrations() {
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "classpath:fixtures/formats/golang-migrate").assertFlywayValid());
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("\nExpecting Flyway migrations for"
                + " assertFlywayValid,\nbut the migrations at classpath:fixtures/formats/golang-migrate are"
                + " golang-migrate's, which Flyway does not read.\nCheck them with assertEveryStepReversible and"
                + " assertMatchesSnapshot instead.");
    }

    @Test
    void aMigrationWithoutADownScriptIsNamedWithTheFileToAdd(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("000001_tenants.up.sql"), "CREATE TABLE tenants (id int);");
        Files.writeString(folder.resolve("000001_tenants.down.sql"), "DROP TABLE tenants;");
        Files.writeString(folder.resolve("000002_notes.up.sql"), "CREATE TABLE notes (id int);");
        Files.writeString(folder.resolve("000003_tags.up.sql"), "CREATE TABLE tags (id int);");
        Files.writeString(folder.resolve("000003_tags.down.sql"), "DROP TABLE tags;");
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(folder).assertEveryStepReversible());
        assertThat(failure).hasMessage("\nExpecting a down script for every migration at filesystem:" + folder
                + ",\nbut version 000002 (000002_notes.up.sql) has none: add 000002_notes.down.sql beside it.\nIf"
                + " versions up to 000002 cannot be undone, start the round trip after them:"
                + " roundTrip.startingAt(\"000003\").");
    }

    @Test
    void aSupabaseFileNotNamedAsSupabaseNamesItsMigrations(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("20240101000000_tenants.sql"), "CREATE TABLE tenants (id int);");
        Files.writeString(folder.resolve("notes.sql"), "CREATE TABLE notes (id int);");
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(), "supabase:filesystem:" + folder)
                .assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting supabase migrations at filesystem:" + folder + " to be named"
                + " <digits>_<name>.sql in supabase/migrations, but notes.sql is not.\nsupabase would not run it as"
                + " written: rename it, or move it out of the folder.");
    }

    @Test
    void aDrizzleJournalThatListsAMissingFile(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("meta"));
        Files.writeString(folder.resolve("meta/_journal.json"), """
                {"version": "7", "dialect": "postgresql", "entries": [
                  {"idx": 0, "version": "7", "when": 1704110400000, "tag": "0000_tenants", "breakpoints": true}]}
                """);
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(folder).assertEveryStepReversible());
        assertThat(failure).hasMessage("Expecting 0000_tenants.sql at filesystem:" + folder + ", as Drizzle's"
                + " journal lists it (entry 0), but there is no such file.\nRegenerate the migrations with drizzle-kit"
                + " generate, or restore the file.");
    }

    @Test
    void aDrizzleSyntaxErrorNamesTheFileTheLineAndTheStatement(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("meta"));
        Files.writeString(folder.resolve("meta/_journal.json"), """
                {"version": "7", "dialect": "postgresql", "entries": [
                  {"idx": 0, "version": "7", "when": 1704110400000, "tag": "0000_tenants", "breakpoints": true}]}
                """);
        Files.writeString(folder.resolve("0000_tenants.sql"), """
                CREATE TABLE "tenants" (
                	"id" uuid PRIMARY KEY NOT NULL
                );
                --> statement-breakpoint
                CREATE TABLE "notes" (
                	"id" uuid PRIMARY KEY NOT NULL,
                	"body" txet
                );
                """);
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(folder).assertEveryStepReversible());
        assertThat(failure).hasMessage("\nExpecting the migrations at filesystem:" + folder + " to apply one by"
                + " one,\nbut 0000_tenants.sql: failed at line 5: ERROR: type \"txet\" does not exist (SQLSTATE"
                + " 42704)\n"
                + "    statement: CREATE TABLE \"notes\" ( \"id\" uuid PRIMARY KEY NOT NULL, \"body\" txet )");
    }

    @Test
    void undoChecksOnSupabaseMigrationsFailRatherThanPassAsIfChecked() {
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "supabase:classpath:fixtures/formats/supabase").startingAt("20240414161701")
                .assertEveryStepReversible());
        assertThat(failure).hasMessage("\nExpecting down scripts to undo the migrations at"
                + " classpath:fixtures/formats/supabase/migrations (startingAt(\"20240414161701\") asks for undo"
                + " checks),\nbut supabase migrations have no down scripts: nothing to undo.\nThe 3 migrations applied"
                + " one by one; drop the undo checks, or check the migrations' undo where the project keeps it.");
    }

    @Test
    void aDbmateSyntaxErrorNamesTheFileTheLineAndTheStatementBeforeTheFirstTest() {
        assertThat(ExtensionFailuresTest.classFailure(DbmateSyntaxError.class)).isEqualTo("Expecting every"
                + " migration to apply, but 20240101120001_notes.sql failed at line 6:\n  ERROR: syntax error at or"
                + " near \"CREAT\" (SQLSTATE 42601)\n  statement: CREAT INDEX notes_tenant_id ON notes (tenant_id)\n"
                + "Fix the migration; the kit migrates to head before the first test of the configuration.");
    }

    @Test
    void anUnknownPrefixFailsTheTestClass() {
        assertThat(ExtensionFailuresTest.classFailure(UnknownPrefix.class)).isEqualTo("Expecting a migration"
                + " location such as classpath:db/migration or filesystem:db/migration, or one that names its tool"
                + " (flyway:, golang-migrate:, dbmate:, supabase:,"
                + " prisma:, drizzle:, liquibase:, sql:, sql-folder:), but"
                + " \"golang:classpath:fixtures/formats/broken/golang-migrate\" starts with golang:, which names none"
                + " of them.\nUse one of those prefixes, or none to let the kit tell the tool from the file names.");
    }

    @Test
    void aLiquibaseChangesetThatFailsNamesItsFileTheChangesetAndTheStatement(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset dev:1
                CREATE TABLE tenants (id uuid PRIMARY KEY);
                --rollback DROP TABLE tenants;

                --changeset dev:2
                CREAT TABLE notes (id uuid PRIMARY KEY);
                --rollback DROP TABLE notes;
                """);
        Throwable failure = catchThrowable(() -> RoundTrips.ofLocations(Map.of(),
                "liquibase:filesystem:" + folder.resolve("changelog.sql")).assertEveryStepReversible());
        assertThat(failure).hasMessage("\nExpecting every migration at filesystem:" + folder.resolve("changelog.sql")
                + " to be reversible: its down script restores the schema before it, and migrating it again, the"
                + " schema after it,\nbut:\n  changelog.sql (changeset 2 by dev): failed at line 8: ERROR: syntax"
                + " error at or near \"CREAT\" (SQLSTATE 42601)\n    statement: CREAT TABLE notes (id uuid PRIMARY"
                + " KEY)\n  (the round trip stopped at version 2)\nVersions checked: 1, 2.");
    }

    @Test
    void liquibaseMissingFromTheClassPathNamesTheDependencyToAdd() {
        ClassLoader withoutLiquibase = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("liquibase.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        MigrationRoundTrip roundTrip = MigrationRoundTrip.of(new ConfigurationBuilder()
                .migrations(List.of("liquibase:fixtures/formats/liquibase/db.changelog-master.yaml"))
                .build(key -> Optional.empty(), withoutLiquibase), key -> Optional.empty());
        assertThat(catchThrowable(roundTrip::assertEveryStepReversible)).hasMessage("Expecting Liquibase on the"
                + " test class path to run the changelog at fixtures/formats/liquibase/db.changelog-master.yaml, but"
                + " it is not there.\nYou have to add the following dependency to your project:"
                + " org.liquibase:liquibase-core:4.33.0 (test scope; stay on 4.x: from 5.0 on, Liquibase's licence is"
                + " not open source).");
    }

    @Fixture
    @RlsTest(migrations = {"classpath:fixtures/formats/golang-migrate", "sql:" + BROKEN + "layered-sql"},
            tenantRole = "app_user")
    static class Layered {
        @Test
        void theAuditNamesTheLayeredPolicy(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object)
                    .contains(tuple(RlsAudit.PERMISSIVE_TRUE, "public.invoices"));
        }
    }

    @Fixture
    @RlsTest(migrations = BROKEN + "dbmate-syntax-error")
    static class DbmateSyntaxError {
        @Test
        void test(Tenants tenants) {
        }
    }

    @Fixture
    @RlsTest(migrations = "golang:" + BROKEN + "golang-migrate")
    static class UnknownPrefix {
        @Test
        void test(Tenants tenants) {
        }
    }
}
