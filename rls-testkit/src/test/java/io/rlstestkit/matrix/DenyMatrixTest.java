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
                    .hasMessage("Expecting a command of the deny matrix, one of [SELECT, INSERT, UPDATE, DELETE], but"
                            + " got \"MERGE\".");
        }
    }

    @Test
    void namesEachTestAsASentenceInAContainerPerTable() {
        EngineExecutionResults results = Fixtures.run(Sound.class);
        results.testEvents().assertStatistics(stats -> stats.started(16).succeeded(16));
        assertThat(results.containerEvents().started().stream().map(DenyMatrixTest::name))
                .containsSubsequence("denyMatrix(DenyMatrix)", "invoices", "payments");
        assertThat(results.testEvents().started().stream().map(DenyMatrixTest::name)).containsExactly(
                "invoices: a cannot SELECT rows of b", "invoices: a cannot INSERT rows for b",
                "invoices: a cannot UPDATE rows of b", "invoices: a cannot DELETE rows of b",
                "invoices: b cannot SELECT rows of a", "invoices: b cannot INSERT rows for a",
                "invoices: b cannot UPDATE rows of a", "invoices: b cannot DELETE rows of a",
                "payments: a cannot SELECT rows of b", "payments: a cannot INSERT rows for b",
                "payments: a cannot UPDATE rows of b", "payments: a cannot DELETE rows of b",
                "payments: b cannot SELECT rows of a", "payments: b cannot INSERT rows for a",
                "payments: b cannot UPDATE rows of a", "payments: b cannot DELETE rows of a");
    }

    @Test
    void catchesLeaksBehindAWhereClauseAndSaysWhatItCannotCover() {
        EngineExecutionResults results = Fixtures.run(Leaks.class);
        Map<String, String> failures = failures(results);
        assertThat(failures.keySet()).containsExactly(
                "app_settings: cannot be covered",
                "invoices: a cannot UPDATE rows of b", "invoices: b cannot UPDATE rows of a",
                "payments: a cannot INSERT rows for b", "payments: a cannot DELETE rows of b",
                "payments: b cannot INSERT rows for a", "payments: b cannot DELETE rows of a",
                "receipts: a cannot INSERT rows for b", "receipts: b cannot INSERT rows for a",
                "vouchers: a cannot INSERT rows for b", "vouchers: b cannot INSERT rows for a");
        results.testEvents().assertStatistics(stats -> stats.started(33).failed(11).succeeded(22));

        assertThat(failures.get("app_settings: cannot be covered")).isEqualTo("""

                Expecting the deny matrix to cover public.app_settings, which has row-level security, but it has no \
                column tenant_id to tell the tenants' rows apart (columns: key, value).
                Configure its tenant column (tenantColumn("app_settings", "...")), or exclude it: \
                excluding("app_settings").""");
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
        assertThat(failures.get("receipts: a cannot INSERT rows for b")).isEqualTo("""

                Expecting %s not to insert rows for tenant b into public.receipts,
                but the check would prove nothing: tenant a cannot insert the same kind of row for itself either: it \
                was refused for lack of a privilege: <42501 permission denied for table receipts>
                  <INSERT INTO public.receipts (tenant_id, note) VALUES (?::uuid, ?::text)> with [%s (a's id), \
                rls-testkit]
                so a refusal for tenant b would prove nothing about the policies. Grant INSERT and add a policy that \
                lets a tenant insert its own rows; where tenants may not insert into public.receipts at all, leave \
                the command out: excludingCommand("receipts", "INSERT").""".formatted(A, TestSchemas.A_ID));
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
                "invoices: a cannot UPDATE rows of b", "invoices: b cannot UPDATE rows of a",
                "payments: a cannot INSERT rows for b", "payments: a cannot DELETE rows of b",
                "payments: b cannot INSERT rows for a", "payments: b cannot DELETE rows of a");
        assertThat(results.testEvents().started().stream().map(DenyMatrixTest::name))
                .noneMatch(name -> name.startsWith("app_settings") || name.startsWith("receipts: a cannot INSERT"))
                .contains("receipts: a cannot UPDATE rows of b", "vouchers: b cannot INSERT rows for a");
        results.testEvents().assertStatistics(stats -> stats.started(30).failed(6).succeeded(24));
    }

    @Test
    void triesOtherParentRowsWhereAUniqueKeyOverReferencesRefusesTheFirst() {
        EngineExecutionResults results = Fixtures.run(References.class);
        assertThat(failures(results)).isEmpty();
        results.testEvents().assertStatistics(stats -> stats.started(24).succeeded(24));
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
    @SoundSchema
    static class Misspelled {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.excluding("invoice").tests();
        }
    }
}
