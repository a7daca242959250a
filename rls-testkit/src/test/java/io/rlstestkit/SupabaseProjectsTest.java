package io.rlstestkit;

import io.rlstestkit.internal.report.ProofLog;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * What real Supabase projects' migrations and policies use from the platform, as the preset provides it: the default
 * extensions in schema {@code extensions} on the database's search path, the claims of a signed-in user's JWT, the
 * platform's roles, storage's helper functions.
 */
@RlsTest(supabase = true, migrations = {"classpath:fixtures/supabase", "classpath:fixtures/supabase-projects"},
        seed = "classpath:fixtures/supabase-projects/seed.sql", tenantColumn = "user_id")
class SupabaseProjectsTest {

    @Test
    void theDefaultExtensionsLiveInSchemaExtensions(@AsOwner RlsSession owner) {
        assertThat(owner.query("select e.extname as name from pg_extension e join pg_namespace n"
                + " on n.oid = e.extnamespace where n.nspname = 'extensions' order by 1"))
                .containsExactly(Map.of("name", "pg_stat_statements"), Map.of("name", "pgcrypto"),
                        Map.of("name", "uuid-ossp"));
    }

    @Test
    void theyAreOnEveryTestDatabasesSearchPath(@AsTenant("a") RlsSession a) {
        assertThat(a.query("select current_setting('search_path') as path,"
                + " length(gen_random_bytes(4)) as bytes, uuid_generate_v4() is not null as uuid"))
                .containsExactly(Map.of("path", "\"$user\", public, extensions", "bytes", 4, "uuid", true));
    }

    @Test
    void aMigrationUsedThemUnqualified(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(b).query("select * from api_keys where length(secret) = 32 and length(digest) = 64")
                .returnsOnlyRowsOf(tenants.get("b"));
        assertThat(b).cannotSee("api_keys").rowsOf(tenants.get("a"));
    }

    @Test
    void theJwtHasTheClaimsOfASignedInUser(@AsTenant("a") RlsSession a) {
        assertThat(a.query("select auth.email() as email, auth.jwt() ->> 'aal' as aal,"
                + " (auth.jwt() ->> 'is_anonymous')::boolean as anonymous, auth.jwt() ->> 'aud' as aud,"
                + " auth.jwt() -> 'app_metadata' ->> 'provider' as provider,"
                + " auth.jwt() -> 'app_metadata' -> 'providers' ->> 0 as first_provider,"
                + " auth.jwt() -> 'user_metadata' = '{}'::jsonb as no_user_metadata"))
                .containsExactly(Map.of("email", "a@example.test", "aal", "aal1", "anonymous", false,
                        "aud", "authenticated", "provider", "email", "first_provider", "email",
                        "no_user_metadata", true));
    }

    @Test
    void thePlatformsRolesExist(@AsOwner RlsSession owner) {
        assertThat(owner.query("select rolname as role, rolsuper as superuser, rolbypassrls as bypass from pg_roles"
                + " where rolname in ('supabase_admin', 'authenticator', 'supabase_auth_admin',"
                + " 'supabase_storage_admin', 'dashboard_user') order by 1")).isEqualTo(List.of(
                Map.of("role", "authenticator", "superuser", false, "bypass", false),
                Map.of("role", "dashboard_user", "superuser", false, "bypass", false),
                Map.of("role", "supabase_admin", "superuser", false, "bypass", false),
                Map.of("role", "supabase_auth_admin", "superuser", false, "bypass", false),
                Map.of("role", "supabase_storage_admin", "superuser", false, "bypass", false)));
        assertThat(owner.query("select pg_has_role('authenticator', 'authenticated', 'member') as member"))
                .containsExactly(Map.of("member", true));
    }

    @Test
    void storagesHelperFunctions(@AsTenant("a") RlsSession a) {
        assertThat(a.query("select storage.filename('avatars/a/face.png') as file,"
                + " storage.extension('avatars/a/face.png') as ext, is_image('avatars/a/face.png') as image"))
                .containsExactly(Map.of("file", "face.png", "ext", "png", "image", true));
    }

    @TestFactory
    Stream<DynamicNode> denyMatrix(DenyMatrix matrix) {
        return matrix.tests();
    }

    @Test
    void thePresetsTablesAreLeftOutOfTheMatrixAndCoverage(DenyMatrix matrix) {
        assertThat(matrix.tests().map(DynamicNode::getDisplayName)).containsExactlyInAnyOrder("api_keys", "notes",
                "text_notes");
        // excluding them, as projects did before they were left out, is no mistake
        assertThat(matrix.excluding("storage.objects", "storage.buckets").tests().map(DynamicNode::getDisplayName))
                .containsExactlyInAnyOrder("api_keys", "notes", "text_notes");
        assertThat(ProofLog.instance().rlsTables().get("classpath:fixtures/supabase, classpath:fixtures/supabase-projects"))
                .containsExactlyInAnyOrder("public.api_keys", "public.notes", "public.text_notes");
    }

    @Test
    void unlessTheProjectsMigrationsCreatePoliciesOnThem() {
        Fixtures.run(WithAStoragePolicy.class).testEvents()
                .assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @RlsTest(supabase = true, migrations = {"classpath:fixtures/supabase", "classpath:fixtures/supabase-projects",
            "classpath:fixtures/supabase-storage-policy"}, tenantColumn = "user_id")
    @Fixture
    static class WithAStoragePolicy {
        @Test
        void storageObjectsIsCovered(DenyMatrix matrix) {
            // a container's name may go on with the tenant column the matrix read from the table's policies
            assertThat(matrix.tests().filter(node -> node instanceof DynamicContainer)
                    .map(DynamicNode::getDisplayName))
                    .anyMatch(name -> name.startsWith("storage.objects"))
                    .noneMatch(name -> name.startsWith("storage.buckets"));
        }
    }
}
