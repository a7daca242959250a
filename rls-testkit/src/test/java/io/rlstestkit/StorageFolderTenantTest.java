package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * A table whose tenant is an SQL expression: Supabase's {@code storage.objects}, whose tenant is the first folder of
 * an object's name ({@code (storage.foldername(name))[1] = auth.uid()::text}). The preset knows it; a builder names
 * any other with {@code tenantExpression}. The deny checks and the matrix pick a tenant's rows by it.
 */
class StorageFolderTenantTest {

    static final String MIGRATIONS = "classpath:fixtures/storage-folders";
    static final String BROKEN = "classpath:fixtures/storage-folders-broken";
    static final String SEED = "classpath:fixtures/storage-folders/seed.sql";

    @Test
    void theDenyChecksPickATenantsFilesByTheirFolder() {
        EngineExecutionResults results = Fixtures.run(SoundByPreset.class);
        results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(1));
    }

    @Test
    void theMatrixCoversTheFolderTenantOfASoundSchema() {
        EngineExecutionResults results = Fixtures.run(SoundMatrix.class);
        assertThat(results.containerEvents().started().stream().map(StorageFolderTenantTest::name))
                .contains("storage.objects (tenant: (storage.foldername(name))[1])");
        assertThat(results.testEvents().started().stream().map(StorageFolderTenantTest::name)).containsExactly(
                "storage.objects: a cannot SELECT rows of b", "storage.objects: a cannot INSERT rows for b",
                "storage.objects: a cannot UPDATE rows of b", "storage.objects: a cannot DELETE rows of b",
                "storage.objects: b cannot SELECT rows of a", "storage.objects: b cannot INSERT rows for a",
                "storage.objects: b cannot UPDATE rows of a", "storage.objects: b cannot DELETE rows of a");
        results.testEvents().assertStatistics(stats -> stats.started(8).succeeded(8));
    }

    @Test
    void aRowTemplateForATableWhoseTenantIsAnExpressionIsRefusedNotIgnored() {
        EngineExecutionResults results = Fixtures.run(MatrixWithATemplate.class);
        assertThat(failures(results)).containsOnlyKeys("storage.objects: a row template the matrix cannot use");
        assertThat(failures(results).get("storage.objects: a row template the matrix cannot use")).isEqualTo("""

                Expecting the row template given for storage.objects (withRow) to shape the rows the matrix inserts, \
                but the tenant of storage.objects is the expression (storage.foldername(name))[1], and the matrix's \
                INSERT check there inserts copies of the tenants' own rows instead.
                Remove the withRow line, and seed rows of each tenant in storage.objects.""");
    }

    @Test
    void aBuilderNamesATenantExpressionOfItsOwn() {
        EngineExecutionResults results = Fixtures.run(SoundByBuilder.class);
        results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(2));
    }

    @Test
    void policiesThatIgnoreTheFolderFailTheChecksAndTheMatrix() {
        EngineExecutionResults results = Fixtures.run(Broken.class);
        Map<String, String> failures = failures(results);
        assertThat(failures.keySet()).containsExactly(
                "storage.objects: a cannot SELECT rows of b", "storage.objects: a cannot INSERT rows for b",
                "storage.objects: a cannot DELETE rows of b",
                "storage.objects: b cannot SELECT rows of a", "storage.objects: b cannot INSERT rows for a",
                "storage.objects: b cannot DELETE rows of a",
                "cannotSee(RlsSession, Tenants)");
        assertThat(failures.get("storage.objects: b cannot SELECT rows of a")).contains(
                " not to see rows of tenant a in storage.objects,\nbut it sees 1 of tenant a's 1 row:\n"
                        + "  <SELECT count(*) AS n FROM storage.objects WHERE ((storage.foldername(name))[1])::text"
                        + " = ?::text> with [" + TestSchemas.A_ID + " (a's id)]\n"
                        + "Policies on storage.objects for SELECT:\n"
                        + "  any_avatar_read (PERMISSIVE, SELECT, to authenticated) USING ((bucket_id = 'avatars'::text))");
        assertThat(failures.get("storage.objects: b cannot INSERT rows for a")).contains(
                " not to insert rows for tenant a into storage.objects (tenant: (storage.foldername(name))[1]),\n"
                        + "but an INSERT of a copy of one of tenant a's rows succeeded:\n"
                        + "  <INSERT INTO storage.objects (bucket_id, name, owner, metadata) VALUES (?::text, ?::text,"
                        + " ?::uuid, ?::jsonb)> with [avatars, " + TestSchemas.A_ID + "/face.png-rlstestkit-copy, null,"
                        + " null]\nPolicies on storage.objects for INSERT:\n"
                        + "  any_folder_upload (PERMISSIVE, INSERT, to authenticated) WITH CHECK ((bucket_id ="
                        + " 'avatars'::text))");
        assertThat(failures.get("storage.objects: b cannot DELETE rows of a")).contains(
                " not to delete rows of tenant a in storage.objects,\nbut a DELETE aimed at them removed 1 of tenant"
                        + " a's 1 row:\n  <DELETE FROM storage.objects WHERE ((storage.foldername(name))[1])::text"
                        + " = ?::text> with [" + TestSchemas.A_ID + " (a's id)]");
        assertThat(failures.get("cannotSee(RlsSession, Tenants)")).contains("but it sees 1 of tenant a's 1 row:");
        results.testEvents().assertStatistics(stats -> stats.started(9).failed(7).succeeded(2));
    }

    @Test
    void anExpressionForATableThatDoesNotExistFailsTheMatrixInsteadOfGoingUnused() {
        Map<String, String> failures = new LinkedHashMap<>();
        Fixtures.run(ExpressionForNoTable.class).testEvents().failed().stream().forEach(event -> failures.put(
                event.getTestDescriptor().getDisplayName(), event.getRequiredPayload(
                        TestExecutionResult.class).getThrowable().map(Throwable::getMessage)
                        .orElse("")));
        assertThat(failures).containsOnlyKeys("storage.object: a tenant expression for no table");
        assertThat(failures.get("storage.object: a tenant expression for no table")).startsWith("""

                Expecting storage.object, which the configuration gives a tenant expression (tenantExpression), to be \
                a table, but none is, so the expression is used nowhere. Tables with row-level security: """)
                .contains("storage.objects").endsWith("""
                Name the table as the catalog does: "table" in schema public, else "schema.table".""");
    }

    @Test
    void anExpressionThatCannotBeReadSaysSo() {
        EngineExecutionResults results = Fixtures.run(UnreadableExpression.class);
        assertThat(failures(results).get("cannotSee(RlsSession, Tenants)")).contains(
                "but the table's tenant expression no_such_column cannot be read:",
                "Give an SQL expression over the columns of storage.objects, compared as text with the tenant's id:"
                        + " tenantExpression(\"storage.objects\", \"...\").");
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
    @RlsTest(supabase = true, migrations = MIGRATIONS, seed = SEED)
    static class SoundByPreset {
        @Test
        void denyChecks(@AsTenant("b") RlsSession b, Tenants tenants) {
            Tenant a = tenants.get("a");
            assertThat(b).cannotSee("storage.objects").rowsOf(a);
            assertThat(b).cannotUpdate("storage.objects").rowsOf(a);
            assertThat(b).cannotDelete("storage.objects").rowsOf(a);
            assertThat(b).canSee("storage.objects").rowsOf(tenants.get("b"));
        }
    }

    @Fixture
    @RlsTest(supabase = true, migrations = MIGRATIONS, seed = SEED)
    static class SoundMatrix {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    @RlsTest(supabase = true, migrations = MIGRATIONS, seed = SEED)
    static class MatrixWithATemplate {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.withRow("storage.objects", Map.of("bucket_id", "avatars")).tests();
        }
    }

    @Fixture
    static class SoundByBuilder {
        @RegisterExtension
        static final RlsExtension RLS = RlsExtension.configure().supabase().migrations(MIGRATIONS).seed(SEED)
                .tenantExpression("storage.objects", "split_part(name, '/', 1)").build();

        @Test
        void denyChecks(@AsTenant("a") RlsSession a, Tenants tenants) {
            assertThat(a).cannotSee("storage.objects").rowsOf(tenants.get("b"));
            assertThat(a).cannotUpdate("storage.objects").rowsOf(tenants.get("b"));
            assertThat(a).cannotDelete("storage.objects").rowsOf(tenants.get("b"));
        }

        @Test
        void ownFiles(@AsTenant("a") RlsSession a, Tenants tenants) {
            assertThat(a).canSee("storage.objects").rowsOf(tenants.get("a"));
        }
    }

    @Fixture
    @RlsTest(supabase = true, migrations = BROKEN, seed = SEED)
    static class Broken {
        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }

        @Test
        void cannotSee(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("storage.objects").rowsOf(tenants.get("a"));
        }
    }

    @Fixture
    static class ExpressionForNoTable {
        @RegisterExtension
        static final RlsExtension RLS = RlsExtension.configure().supabase().migrations(MIGRATIONS).seed(SEED)
                .tenantExpression("storage.object", "(storage.foldername(name))[1]").build();

        @TestFactory
        Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
            return matrix.tests();
        }
    }

    @Fixture
    static class UnreadableExpression {
        @RegisterExtension
        static final RlsExtension RLS = RlsExtension.configure().supabase().migrations(MIGRATIONS).seed(SEED)
                .tenantExpression("storage.objects", "no_such_column").build();

        @Test
        void cannotSee(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("storage.objects").rowsOf(tenants.get("a"));
        }
    }
}
