package io.rlstestkit.matrix;

import io.rlstestkit.DenyMatrix;
import io.rlstestkit.RlsTest;
import io.rlstestkit.SoundSchema;
import io.rlstestkit.Tenant;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * The deny matrix: every table with the tenant column or row-level security, every ordered pair of tenants, SELECT,
 * INSERT, UPDATE and DELETE; leaks behind a WHERE clause caught, and what it cannot cover said, never skipped.
 */
class DenyMatrixTest {

    private static final String A = TestSchemas.A_SCOPE;
    private static final String B = TestSchemas.B_SCOPE;

    /** As a project uses it: on a sound schema every test of the matrix passes. */
    @Nested
    @SoundSchema
    class OnTheSoundSchema {

        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }

        @Test
        void refusesACommandItDoesNotHave(DenyMatrix matrix) {
            assertThatThrownBy(() -> matrix.excludingCommand("invoices", "MERGE"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Expecting a command of the deny matrix, one of [SELECT, INSERT, UPDATE, DELETE, TRUNCATE], but"
                            + " got \"MERGE\".");
        }
    }

    @Test
    void namesEachTestAsASentenceInAContainerPerTable() {
        EngineExecutionResults results = Fixtures.run(Sound.class);
        results.testEvents().assertStatistics(stats -> stats.started(28).succeeded(28));
        assertThat(results.containerEvents().started().stream().map(DenyMatrixTest::name))
                .containsSubsequence("denyMatrix(DenyMatrix)", "invoices", "payments");
        assertThat(results.testEvents().started().stream().map(DenyMatrixTest::name)).containsExactly(
                "invoices: a cannot SELECT rows of b", "invoices: a cannot INSERT rows for b",
                "invoices: a cannot UPDATE rows of b", "invoices: a cannot DELETE rows of b",
                "invoices: a cannot move its rows to b", "invoices: a cannot TRUNCATE",
                "invoices: b cannot SELECT rows of a", "invoices: b cannot INSERT rows for a",
                "invoices: b cannot UPDATE rows of a", "invoices: b cannot DELETE rows of a",
                "invoices: b cannot move its rows to a", "invoices: b cannot TRUNCATE",
                "payments: a cannot SELECT rows of b", "payments: a cannot INSERT rows for b",
                "payments: a cannot UPDATE rows of b", "payments: a cannot DELETE rows of b",
                "payments: a cannot attach rows to b's parents",
                "payments: a cannot attach rows to b's parents by UPDATE", "payments: a cannot move its rows to b",
                "payments: a cannot TRUNCATE",
                "payments: b cannot SELECT rows of a", "payments: b cannot INSERT rows for a",
                "payments: b cannot UPDATE rows of a", "payments: b cannot DELETE rows of a",
                "payments: b cannot attach rows to a's parents",
                "payments: b cannot attach rows to a's parents by UPDATE", "payments: b cannot move its rows to a",
                "payments: b cannot TRUNCATE");
    }

    @Test
    void catchesLeaksBehindAWhereClauseAndSaysWhatItCannotCover() {
        EngineExecutionResults results = Fixtures.run(Leaks.class);
        Map<String, String> failures = failures(results);
        assertThat(failures.keySet()).containsExactly(
                "invoices: a cannot UPDATE rows of b", "invoices: a cannot move its rows to b",
                "invoices: b cannot UPDATE rows of a", "invoices: b cannot move its rows to a",
                "payments: a cannot INSERT rows for b", "payments: a cannot DELETE rows of b",
                "payments: b cannot INSERT rows for a", "payments: b cannot DELETE rows of a",
                "vouchers: a cannot INSERT rows for b", "vouchers: a cannot attach rows to b's parents",
                "vouchers: b cannot INSERT rows for a", "vouchers: b cannot attach rows to a's parents");
        results.testEvents().assertStatistics(stats -> stats.started(56).failed(12).succeeded(44));
        assertThat(results.containerEvents().started().stream().map(DenyMatrixTest::name))
                .contains("shared by all tenants (their policies name no tenant column): public.app_settings");
        assertThat(results.testEvents().succeeded().stream().map(DenyMatrixTest::name)).contains(
                "receipts: a cannot INSERT rows for b (role app_user has no INSERT privilege)",
                "receipts: b cannot INSERT rows for a (role app_user has no INSERT privilege)");
        assertThat(failures.get("invoices: b cannot UPDATE rows of a")).isEqualTo("""

                Expecting %s not to update rows of tenant a in public.invoices,
                but an UPDATE that reads no column changed 3 of tenant a's 3 rows:
                  <UPDATE public.invoices SET note = ?::text> with [first of a]
                (the UPDATE aimed with WHERE changed 0 rows: the SELECT policy hides the rows from a WHERE clause, \
                but the UPDATE policy does not protect them).
                Policies on public.invoices for UPDATE:
                  everyone_updates (PERMISSIVE, UPDATE, to app_user) USING (true)
                  %s""".formatted(B, TestSchemas.TENANT_POLICY));
        assertThat(failures.get("payments: b cannot DELETE rows of a")).isEqualTo("""

                Expecting %s not to delete rows of tenant a in public.payments,
                but a DELETE that reads no column removed 3 of tenant a's 3 rows:
                  <DELETE FROM public.payments>
                (the DELETE aimed with WHERE removed 0 rows: the SELECT policy hides the rows from a WHERE clause, \
                but the DELETE policy does not protect them).
                Policies on public.payments for DELETE:
                  everyone_deletes (PERMISSIVE, DELETE, to app_user) USING (true)
                  %s""".formatted(B, TestSchemas.TENANT_POLICY));
        assertThat(failures.get("payments: b cannot INSERT rows for a")).isEqualTo("""

                Expecting %s not to insert rows for tenant a into public.payments,
                but an INSERT of a row for tenant a succeeded:
                  <INSERT INTO public.payments (tenant_id, invoice_id, paid) VALUES (?::uuid, ?::bigint, \
                ?::numeric(12,2))> with [%s (a's id), 1, 1]
                Policies on public.payments for INSERT:
                  anyone_inserts (PERMISSIVE, INSERT, to app_user) WITH CHECK (true)
                  %s""".formatted(B, TestSchemas.A_ID, TestSchemas.TENANT_POLICY));
        assertThat(failures.get("vouchers: b cannot INSERT rows for a")).isEqualTo("""

                Expecting %s not to insert rows for tenant a into public.vouchers,
                but the matrix cannot make a row to insert: even for tenant b itself, it violated a constraint: \
                <23514 new row for relation "vouchers" violates check constraint "vouchers_code_check">
                  <INSERT INTO public.vouchers (tenant_id, invoice_id, code, kind, status, min_amount, max_amount) \
                VALUES (?::uuid, ?::bigint, ?::text, ?::voucher_kind, ?::text, ?::integer, ?::integer)> with \
                [%s (b's id), 4, x, discount, open, 1, 100]
                Give a row template with a value for code: withRow("vouchers", Map.of("code", ...)).""".formatted(
                B, TestSchemas.B_ID));
    }

    @Test
    void exclusionsAndARowTemplateLeaveOnlyTheLeaks() {
        EngineExecutionResults results = Fixtures.run(LeaksWithExclusionsAndATemplate.class);
        assertThat(failures(results).keySet()).containsExactly(
                "invoices: a cannot UPDATE rows of b", "invoices: a cannot move its rows to b",
                "invoices: b cannot UPDATE rows of a", "invoices: b cannot move its rows to a",
                "payments: a cannot INSERT rows for b", "payments: a cannot DELETE rows of b",
                "payments: b cannot INSERT rows for a", "payments: b cannot DELETE rows of a");
        assertThat(results.testEvents().started().stream().map(DenyMatrixTest::name))
                .noneMatch(name -> name.startsWith("app_settings") || name.startsWith("receipts: a cannot INSERT"))
                .contains("receipts: a cannot UPDATE rows of b", "vouchers: b cannot INSERT rows for a");
        results.testEvents().assertStatistics(stats -> stats.started(54).failed(8).succeeded(46));
    }

    @Test
    void triesOtherParentRowsWhereAUniqueKeyOverReferencesRefusesTheFirst() {
        EngineExecutionResults results = Fixtures.run(References.class);
        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(44).succeeded(44));
    }

    @Test
    void anExclusionThatMatchesNoTableFails() {
        Map<String, String> failures = failures(Fixtures.run(Misspelled.class));
        assertThat(failures).containsOnlyKeys("invoice: no such table");
        assertThat(failures.get("invoice: no such table")).isEqualTo("""

                Expecting invoice, which the deny matrix is told to exclude or to give a row template, to be a table \
                it covers (one with row-level security or the tenant column), but none is. Tables it covers: \
                public.invoices, public.payments.""");
    }

    /**
     * Where the tenant role owns the table (forced, as an application that runs its own migrations does), TRUNCATE
     * comes with the ownership: the fix is another owner. Where the owner revoked it from itself, or another role owns
     * the table, TRUNCATE is refused.
     */
    @Test
    void saysTruncateComesWithTheOwnershipWhereTheTenantRoleOwnsTheTable() {
        Map<String, String> failures = failures(Fixtures.run(OwnedByTheTenantRole.class));
        assertThat(failures.get("bookings: b cannot TRUNCATE")).startsWith("""

                Expecting %s not to TRUNCATE public.bookings,
                but it emptied the table:""".formatted(B)).contains("""
                  <TRUNCATE public.bookings>
                TRUNCATE on public.bookings, which has row-level security, comes with its ownership: app_user, the \
                tenant scope's role, owns it. TRUNCATE ignores policies, FORCE ROW LEVEL SECURITY or not, so \
                app_user may empty the table of every tenant's rows in one statement. An owner may revoke it from \
                itself (REVOKE TRUNCATE ON public.bookings FROM app_user, PUBLIC;), but may grant it back, as it may \
                alter or drop the table: the lasting fix is a role that no tenant scope uses owning the table and \
                running the migrations (ALTER TABLE public.bookings OWNER TO that role;), and granting app_user what \
                the application uses (GRANT SELECT, INSERT, UPDATE, DELETE ON public.bookings TO app_user;).""");
        assertThat(failures).doesNotContainKeys("rooms: b cannot TRUNCATE", "guests: b cannot TRUNCATE");
    }

    /**
     * Where the tenant role is a member of the table's owner, it holds the owner's TRUNCATE: the fix is to revoke the
     * membership; where the owner revoked its own and granted it, the fix is to revoke the grant.
     */
    @Test
    void saysTruncateComesWithMembershipOfTheOwnerOrWithAGrant() {
        Map<String, String> failures = failures(Fixtures.run(OwnedByARoleTheTenantRoleIsAMemberOf.class));
        assertThat(failures.get("archived_invoices: b cannot TRUNCATE")).contains("""
                TRUNCATE on public.archived_invoices, which has row-level security, comes with its ownership: \
                app_member, the tenant scope's role, is a member of app_archivist, which owns it. TRUNCATE ignores \
                policies, FORCE ROW LEVEL SECURITY or not, so app_member may empty the table of every tenant's rows \
                in one statement. Revoke the membership: REVOKE app_archivist FROM app_member;""");
        assertThat(failures.get("archived_payments: b cannot TRUNCATE")).contains("""
                app_member, the tenant scope's role, holds TRUNCATE on public.archived_payments, which has row-level \
                security: TRUNCATE ignores policies, so it may empty the table of every tenant's rows in one \
                statement (GRANT ALL includes it). Revoke it: REVOKE TRUNCATE ON public.archived_payments FROM \
                app_member, PUBLIC;""");
        assertThat(failures).doesNotContainKey("invoices: b cannot TRUNCATE");
    }

    private static Map<String, String> failures(EngineExecutionResults results) {
        Map<String, String> failures = new LinkedHashMap<>();
        results.testEvents().failed().stream().forEach(event -> failures.put(name(event), event
                .getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage).orElse("")));
        return failures;
    }

    private static String name(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }

    @Fixture
    @SoundSchema
    static class Sound {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.MATRIX}, seed = TestSchemas.MATRIX_SEED,
            tenantRole = "app_user")
    static class Leaks {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.MATRIX}, seed = TestSchemas.MATRIX_SEED,
            tenantRole = "app_user")
    static class LeaksWithExclusionsAndATemplate {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            Function<Tenant, String> code = tenant -> tenant.key().toUpperCase() + "ZZ-1234";
            return matrix.excluding("app_settings")
                    .excludingCommand("public.receipts", "insert")
                    .withRow("vouchers", Map.of("code", code))
                    .tests();
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.REFERENCES}, seed = TestSchemas.REFERENCES_SEED,
            tenantRole = "app_user")
    static class References {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/audit-tenants"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    static class OwnedByTheTenantRole {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "member-of-bypass"}, tenantRole = "app_member")
    static class OwnedByARoleTheTenantRoleIsAMemberOf {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @SoundSchema
    static class Misspelled {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.excluding("invoice").tests();
        }
    }
}
