package io.rlstestkit;

import io.rlstestkit.testing.RequiresPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * The migration round trip: each version migrated, undone by its {@code U} script, migrated again, with the schema
 * compared after each step. Every failure mode on a fixture schema under {@code fixtures/roundtrip/} that triggers
 * it, with the exact message.
 */
@RequiresPostgres(version = 15, reason = "the round-trip fixtures have views with security_invoker")
class MigrationRoundTripTest {

    private static String header(String fixture) {
        return "\nExpecting every migration at " + RoundTrips.FIXTURES + fixture + " to be reversible: its undo script"
                + " restores the schema before it, and migrating it again, the schema after it,\nbut:\n  ";
    }

    /** Four versions (tables, an enum, RLS and policies, a SECURITY DEFINER trigger, a view, grants), each undone. */
    @Nested
    @RlsTest(migrations = RoundTrips.FIXTURES + "sound", tenantRole = "app_user")
    class OnASoundSchema {

        @Test
        void everyMigrationIsReversible(MigrationRoundTrip roundTrip) {
            roundTrip.assertEveryStepReversible();
        }

        @Test
        void andKeepsTheRowsOfEachVersionThatOnlyAdds(MigrationRoundTrip roundTrip) {
            roundTrip.withDataBefore("4", "insert into tenants values ('" + TestSchemas.A_ID + "', 'a')")
                    .withDataBefore("4", "insert into invoices (tenant_id, number, amount) values ('" + TestSchemas.A_ID
                            + "', 'A-1', 10)")
                    .withDataBefore("4", "insert into plans values (1, 'free')")
                    .assertEveryStepReversible();
        }

        @Test
        void aDataCheckWithoutRowsFailsRatherThanProvingNothing(MigrationRoundTrip roundTrip) {
            // WHEN
            Throwable failure = catchThrowable(() -> roundTrip.checkingData().assertEveryStepReversible());
            // THEN
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                    Expecting rows to check after each undo (checkingData()),
                    but no table had a row before any version that only adds to the schema, so the data check proved \
                    nothing.
                    Give it rows: withDataBefore("4", "insert into ...").""");
        }
    }

    /** The undo of version 2 disables row-level security, but leaves the policy. */
    @Nested
    @RlsTest(migrations = RoundTrips.FIXTURES + "policy-left-behind")
    class WhereAnUndoLeavesAPolicyBehind {

        @Test
        void theRoundTripNamesThePolicyAndTheMigrationThatNoLongerApplies(MigrationRoundTrip roundTrip) {
            // WHEN
            Throwable failure = catchThrowable(roundTrip::assertEveryStepReversible);
            // THEN
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("policy-left-behind") + """
                    policy tenant_isolation on public.patients: still present after undo of version 2
                      V2__tenant_isolation.sql: failed when migrated again after its undo, at line 2: ERROR: policy \
                    "tenant_isolation" for table "patients" already exists (SQLSTATE 42710)
                        statement: CREATE POLICY tenant_isolation ON patients USING (tenant_id = \
                    nullif(current_setting('app.current_tenant_id', true), '')::uuid)
                      (the round trip stopped at version 2)
                    Versions checked: 1, 2.""");
        }
    }

    /** Versions 1 and 2 have no undo script; version 3 has one. */
    @Nested
    @RlsTest(migrations = RoundTrips.FIXTURES + "missing-undo")
    class WhereEarlyVersionsHaveNoUndoScript {

        @Test
        void theRoundTripNamesEachVersionAndTheFileToAdd(MigrationRoundTrip roundTrip) {
            assertThatThrownBy(roundTrip::assertEveryStepReversible).isInstanceOf(AssertionError.class).hasMessage("""

                    Expecting an undo script beside every migration at classpath:fixtures/roundtrip/missing-undo,
                    but these versions have none:
                      version 1 (V1__invoices.sql): add U1__invoices.sql
                      version 2 (V2__seed_reference_data.sql): add U2__seed_reference_data.sql
                    If versions up to 2 cannot be undone, start the round trip after them: \
                    roundTrip.startingAt("3").""");
        }

        @Test
        void aMinimumVersionLeavesTheVersionsBeforeItAlone(MigrationRoundTrip roundTrip) {
            roundTrip.startingAt("3").assertEveryStepReversible();
        }

        @Test
        void aMinimumVersionStillWantsAnUndoScriptFromThereOn(MigrationRoundTrip roundTrip) {
            assertThatThrownBy(() -> roundTrip.startingAt("2").assertEveryStepReversible()).hasMessage("""

                    Expecting an undo script beside every migration at classpath:fixtures/roundtrip/missing-undo from \
                    version 2 on,
                    but version 2 (V2__seed_reference_data.sql) has none: add U2__seed_reference_data.sql beside it.
                    If versions up to 2 cannot be undone, start the round trip after them: \
                    roundTrip.startingAt("3").""");
        }

        @Test
        void aMinimumVersionAfterTheLastFails(MigrationRoundTrip roundTrip) {
            assertThatThrownBy(() -> roundTrip.startingAt("4").assertEveryStepReversible()).hasMessage("""

                    Expecting migrations from version 4 on at classpath:fixtures/roundtrip/missing-undo,
                    but the last is version 3. Fix startingAt("4").""");
        }
    }

    @Test
    void aSchemaThatFlywayCreatesForItsHistoryIsFlywaysAndNoUndoScriptsBusiness() {
        // GIVEN Flyway creates schema billing for its history and puts it first in the search_path; the undo of
        // version 1 cannot drop it, and leaves it empty of the migrations' objects
        MigrationRoundTrip roundTrip = RoundTrips.of("sound", draft -> draft.schemas(List.of("billing")));
        // THEN
        roundTrip.assertEveryStepReversible();
    }

    @Test
    void eachRoundTripStartsWithoutTheRolesTheLastOneCreated() {
        // GIVEN version 1 creates role auditor without a guard, and the round trip ends at head, with the role
        RoundTrips.of("roles").assertEveryStepReversible();
        // THEN a second round trip can create it again
        RoundTrips.of("roles").assertEveryStepReversible();
    }

    @Test
    void aRoleAttributeLeftBehind() {
        // GIVEN the undo of version 2 forgets to take BYPASSRLS back from auditor
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("role-left-bypassing").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("role-left-bypassing") + """
                role auditor: still BYPASSRLS after undo of version 2
                Versions checked: 1, 2.""");
    }

    @Test
    void rowLevelSecurityLeftOnIsNamedTableByTable() {
        // GIVEN the undo of version 2 forgets NO FORCE on audit_logs, and DISABLE on sessions
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("rls-left-on").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("rls-left-on") + """
                table public.audit_logs: row-level security still forced after undo of version 2
                  table public.sessions: row-level security still enabled after undo of version 2
                Versions checked: 1, 2.""");
    }

    @Test
    void aForgottenViewAndAViewOptionLeftSet() {
        // GIVEN the undo of version 2 forgets to drop open_invoices and to reset invoice_ids' security_invoker
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("view-forgotten").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("view-forgotten") + """
                view public.invoice_ids: options still security_invoker=true after undo of version 2 (before version \
                2: none)
                  view public.open_invoices: still present after undo of version 2
                  V2__views.sql: failed when migrated again after its undo, at line 1: ERROR: relation \
                "open_invoices" already exists (SQLSTATE 42P07)
                    statement: CREATE VIEW open_invoices WITH (security_invoker = true) AS SELECT id, tenant_id FROM \
                invoices WHERE NOT paid
                  (the round trip stopped at version 2)
                Versions checked: 1, 2.""");
    }

    @Test
    void aFunctionsSecurityDefinerAndSearchPathNotRestored() {
        // GIVEN the undo of version 2 forgets to reset current_tenant()'s search_path and tenant_count()'s SECURITY
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("function-not-restored").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("function-not-restored") + """
                function public.current_tenant(): search_path still set to public, pg_temp after undo of version 2 \
                (before version 2: not set)
                  function public.tenant_count(): still SECURITY DEFINER after undo of version 2
                Versions checked: 1, 2.""");
    }

    @Test
    void aGrantLeftBehind() {
        // GIVEN the undo of version 2 revokes the column privilege it granted, but not the table's
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("grant-left-behind").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("grant-left-behind") + """
                grant SELECT on table public.invoices to reporting: still present after undo of version 2
                Versions checked: 1, 2.""");
    }

    @Test
    void rowsLostByTheUndoOfAVersionThatOnlyAdds() {
        // GIVEN version 1 inserts two plans, version 2 adds a column, and its undo makes the table again, empty
        MigrationRoundTrip roundTrip = RoundTrips.of("data-lost");
        roundTrip.assertEveryStepReversible();
        // WHEN
        Throwable failure = catchThrowable(() -> roundTrip.checkingData().assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("data-lost") + """
                table public.plans: 2 of 2 rows missing or changed after undo of version 2: (1,free), (2,pro)
                Versions checked: 1, 2.""");
    }

    @Test
    void aVersionThatMigratesDifferentlyTheSecondTime() {
        // GIVEN version 2 adds a column unless a backup table is there, and its undo leaves the backup table
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("redo-differs").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("redo-differs") + """
                table public.invoice_notes_backup: still present after undo of version 2
                  column public.invoices.note: missing after migrating version 2 again
                Versions checked: 1, 2.""");
    }

    @Test
    void anUndoScriptThatFailsIsNamedWithItsLine() {
        // GIVEN the undo of version 2, of 3, drops a policy by a misspelt name
        // WHEN
        Throwable failure = catchThrowable(() -> RoundTrips.of("undo-fails").assertEveryStepReversible());
        // THEN
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("undo-fails") + """
                U2__tenant_isolation.sql: failed at line 2: ERROR: policy "tenant_isolaton" for table "patients" \
                does not exist (SQLSTATE 42704)
                    statement: DROP POLICY tenant_isolaton ON patients
                  (the round trip stopped at version 2)
                Versions checked: 1, 2 (of 1, 2, 3).""");
    }

    @Test
    void twoMigrationsOfOneVersion() {
        assertThatThrownBy(() -> RoundTrips.of("duplicate-versions").assertEveryStepReversible()).hasMessage("""

                Expecting one migration and at most one undo script per version at \
                classpath:fixtures/roundtrip/duplicate-versions,
                but:
                  version 2: more than one migration: V2__invoice_notes.sql \
                (classpath:fixtures/roundtrip/duplicate-versions), V2__invoice_tags.sql \
                (classpath:fixtures/roundtrip/duplicate-versions); Flyway refuses to migrate; give each its own \
                version""");
    }

    @Test
    void dataForAVersionThatIsNotThere() {
        assertThatThrownBy(() -> RoundTrips.of("data-lost").withDataBefore("7", "select 1").assertEveryStepReversible())
                .hasMessage("""

                        Expecting withDataBefore("7", ...) to name a version of the migrations at \
                        classpath:fixtures/roundtrip/data-lost,
                        but there is no version 7 (there are 1, 2).""");
    }

    @Test
    void aMinimumVersionThatIsNoVersion() {
        assertThatThrownBy(() -> RoundTrips.of("sound").startingAt("three"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting startingAt to be given a Flyway version (\"3\", \"1.1\"), but got \"three\":"
                        + " Version may only contain 0..9 and . (dot). Invalid version: three");
    }
}
