package io.rlstestkit;

import io.rlstestkit.testing.RequiresPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * Migration hygiene: Flyway's validation with the undo scripts, the migrations against the history a snapshot file
 * records, and the schema against that snapshot.
 */
@RequiresPostgres(version = 15, reason = "the round-trip fixtures have views with security_invoker")
class MigrationHygieneTest {

    /** The snapshot of the sound round-trip fixture, kept as a project keeps its own. */
    static final String SOUND_SNAPSHOT = "src/test/resources/fixtures/roundtrip/sound-schema-snapshot.txt";

    /**
     * As a project uses it. After a change to the fixture, regenerate the snapshot:
     * {@code mvn test -pl rls-testkit -Dtest=MigrationHygieneTest -Drlstestkit.snapshot.update=true}.
     */
    @Nested
    @RlsTest(migrations = RoundTrips.FIXTURES + "sound", tenantRole = "app_user")
    class OnASoundSchema {

        @Test
        void migrationsAreValid(MigrationRoundTrip roundTrip) {
            roundTrip.assertFlywayValid();
            roundTrip.assertFlywayValid(SOUND_SNAPSHOT);
        }

        @Test
        void schemaMatchesItsSnapshot(MigrationRoundTrip roundTrip) {
            roundTrip.assertMatchesSnapshot(SOUND_SNAPSHOT);
        }
    }

    @Test
    void twoMigrationsOfOneVersion() {
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("duplicate-versions").assertFlywayValid());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting the migrations at classpath:fixtures/roundtrip/duplicate-versions to pass Flyway's \
                validation,
                but:
                  version 2: more than one migration: V2__invoice_notes.sql \
                (classpath:fixtures/roundtrip/duplicate-versions), V2__invoice_tags.sql \
                (classpath:fixtures/roundtrip/duplicate-versions); Flyway refuses to migrate; give each its own \
                version""");
    }

    @Test
    void anUndoScriptWithoutItsMigrationAndANameFlywayIgnores() {
        // GIVEN U2__invoice_notes.sql without a V2, and V3_invoice_tags.sql, which Flyway skips without a word
        RoundTrips.of("stray-scripts").assertEveryStepReversible();
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("stray-scripts").assertFlywayValid());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting the migrations at classpath:fixtures/roundtrip/stray-scripts to pass Flyway's validation,
                but:
                  V3_invoice_tags.sql (classpath:fixtures/roundtrip/stray-scripts): Flyway ignores it, since it has \
                no __ between version and description; rename it (V<version>__<description>.sql) or move it elsewhere
                  U2__invoice_notes.sql: undoes version 2, but there is no migration of that version \
                (V2__invoice_notes.sql); remove it, or restore its migration""");
    }

    @Test
    void aMigrationChangedAfterItWasApplied(@TempDir Path temp) throws IOException {
        // GIVEN a snapshot records the migrations as applied, then V2 changes
        Path migrations = RoundTrips.copy("sound", temp.resolve("migrations"));
        Path applied = temp.resolve("applied.txt");
        RoundTrips.updatingSnapshots(migrations).assertFlywayValid(applied.toString());
        Files.writeString(migrations.resolve("V2__row_level_security.sql"), "-- reviewed\n", StandardOpenOption.APPEND);
        Path now = temp.resolve("now.txt");
        RoundTrips.updatingSnapshots(migrations).assertMatchesSnapshot(now.toString());
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(migrations).assertFlywayValid(applied.toString()));
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting the migrations at filesystem:%1$s to pass Flyway's validation against the migrations %2$s \
                records as applied,
                but:
                  migration 2 (V2__row_level_security.sql): changed after it was applied: checksum %3$s in %2$s, %4$s \
                now (Flyway: Migration checksum mismatch); restore it, and put the change in a new migration
                If no database has applied the recorded migrations, regenerate the snapshot: run the test with \
                -Drlstestkit.snapshot.update=true.""".formatted(migrations, applied, checksumOf(applied, "2"),
                checksumOf(now, "2")));
    }

    @Test
    void aMigrationAddedBelowTheLastAppliedOne(@TempDir Path temp) throws IOException {
        // GIVEN a snapshot records versions 1, 3 and 4 as applied, then version 2 comes
        Path migrations = RoundTrips.copy("sound", temp.resolve("migrations"), "V2__row_level_security.sql",
                "U2__row_level_security.sql");
        Path applied = temp.resolve("applied.txt");
        RoundTrips.updatingSnapshots(migrations).assertFlywayValid(applied.toString());
        RoundTrips.copy("sound", temp.resolve("all"));
        Files.copy(temp.resolve("all/V2__row_level_security.sql"), migrations.resolve("V2__row_level_security.sql"));
        Files.copy(temp.resolve("all/U2__row_level_security.sql"), migrations.resolve("U2__row_level_security.sql"));
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(migrations).assertFlywayValid(applied.toString()));
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting the migrations at filesystem:%1$s to pass Flyway's validation against the migrations %2$s \
                records as applied,
                but:
                  migration 2 (V2__row_level_security.sql): out of order: below version 4, the last that %2$s records \
                as applied, so a database at version 4 will not apply it (Flyway: Detected resolved migration not \
                applied to database); give it a version above 4, or set flyway.outOfOrder=true
                If no database has applied the recorded migrations, regenerate the snapshot: run the test with \
                -Drlstestkit.snapshot.update=true.""".formatted(migrations, applied));
    }

    @Test
    void anAppliedMigrationThatIsGone(@TempDir Path temp) throws IOException {
        // GIVEN a snapshot records versions 1 to 4 as applied, then version 4 is deleted
        Path migrations = RoundTrips.copy("sound", temp.resolve("migrations"));
        Path applied = temp.resolve("applied.txt");
        RoundTrips.updatingSnapshots(migrations).assertFlywayValid(applied.toString());
        Files.delete(migrations.resolve("V4__invoice_note.sql"));
        Files.delete(migrations.resolve("U4__invoice_note.sql"));
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(migrations).assertFlywayValid(applied.toString()));
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("""
                but:
                  migration 4 (V4__invoice_note.sql): applied, as %s records, but not found at filesystem:%s any more \
                (Flyway: Detected applied migration not resolved locally); restore it
                """.formatted(applied, migrations));
    }

    @Test
    void theSchemaDriftedFromItsSnapshot(@TempDir Path temp) throws IOException {
        // GIVEN a snapshot of versions 1 to 3, then version 4 comes
        Path migrations = RoundTrips.copy("sound", temp.resolve("migrations"), "V4__invoice_note.sql",
                "U4__invoice_note.sql");
        Path snapshot = temp.resolve("schema-snapshot.txt");
        RoundTrips.updatingSnapshots(migrations).assertMatchesSnapshot(snapshot.toString());
        RoundTrips.ofFolder(migrations).assertMatchesSnapshot(snapshot.toString());
        RoundTrips.copy("sound", temp.resolve("all"));
        Files.copy(temp.resolve("all/V4__invoice_note.sql"), migrations.resolve("V4__invoice_note.sql"));
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.ofFolder(migrations)
                .assertMatchesSnapshot(snapshot.toString()));
        // THEN
        assertThat(failure).isInstanceOf(AssertionFailedError.class).hasMessage("""

                Expecting the schema that the migrations at filesystem:%1$s build to match the snapshot %2$s,
                but:
                  type public.invoice_status: labels 'draft', 'sent', 'paid', 'void' in the migrated schema, but \
                'draft', 'sent', 'paid' in the snapshot
                  column public.invoices.note: in the migrated schema, but not in the snapshot
                  default privileges on tables created by the migrating user in schema public: in the migrated \
                schema, but not in the snapshot
                If the change is intended, regenerate the snapshot: run the test with \
                -Drlstestkit.snapshot.update=true, and commit %2$s.""".formatted(migrations, snapshot));
        AssertionFailedError diff = (AssertionFailedError) failure;
        assertThat(diff.getActual().getStringRepresentation()).contains("\ncolumn public.invoices.note\n");
        assertThat(diff.getExpected().getStringRepresentation()).doesNotContain("column public.invoices.note");
    }

    @Test
    void aSnapshotFileThatIsMissingSaysHowToWriteIt(@TempDir Path temp) {
        // GIVEN
        String snapshot = temp.resolve("schema-snapshot.txt").toString();
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("sound").assertMatchesSnapshot(snapshot));
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                Expecting a schema snapshot at %s (working directory: rls-testkit) for assertMatchesSnapshot,
                but there is no such file.
                Write it: run the test with -Drlstestkit.snapshot.update=true, and commit it.""".formatted(snapshot));
    }

    @Test
    void updatingWritesTheSnapshotThatTheNextRunComparesWith(@TempDir Path temp) throws IOException {
        // GIVEN
        Path snapshot = temp.resolve("db/schema-snapshot.txt");
        // WHEN
        RoundTrips.ofLocations(java.util.Map.of(MigrationRoundTrip.SNAPSHOT_UPDATE_KEY, "true"),
                RoundTrips.FIXTURES + "sound").assertMatchesSnapshot(snapshot.toString());
        // THEN
        assertThat(Files.readString(snapshot)).startsWith("""
                # rls-testkit schema snapshot of classpath:fixtures/roundtrip/sound
                # PostgreSQL 17
                """).contains("""

                policy tenant_isolation on public.invoices
                  belongs to: table public.invoices
                  mode: PERMISSIVE
                  command: ALL
                  roles: app_user
                """);
        RoundTrips.of("sound").assertMatchesSnapshot(snapshot.toString());
        RoundTrips.of("sound").assertFlywayValid(snapshot.toString());
    }

    /** A migration's checksum as a snapshot file records it. */
    private static String checksumOf(Path snapshot, String version) throws IOException {
        Matcher matcher = Pattern.compile("\nmigration " + Pattern.quote(version)
                + "\n(?:  .*\n)*?  checksum: (-?\\d+)\n").matcher(Files.readString(snapshot));
        assertThat(matcher.find()).as("checksum of version %s in %s", version, snapshot).isTrue();
        return matcher.group(1);
    }
}
