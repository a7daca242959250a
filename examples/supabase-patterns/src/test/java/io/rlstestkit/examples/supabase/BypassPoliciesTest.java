package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.examples.supabase.SupabasePatternsKit.SUPER_ADMIN_SCRIPT;
import static io.rlstestkit.examples.supabase.SupabasePatternsKit.seeded;

/**
 * The document's "Required Bypass Policies": {@code super_admin_bypass} (through the SECURITY DEFINER
 * {@code is_super_admin()}) and {@code service_role_bypass}, first on every table.
 *
 * <p>The super admin is a signed-in user like any other ({@code authenticated}, its own {@code sub}), whose profile
 * says {@code super_admin}: the named scope {@code super-admin} carries its claims, and
 * {@code db/extra/super-admin.sql} makes the user and the profile, run as the owner before each test (inside the
 * test's transaction, so it is gone afterwards). It is not a third tenant: the per-user seed would give it posts,
 * teams and an ordinary profile, and the isolation tests would have to account for it.
 */
class BypassPoliciesTest {

    @RegisterExtension
    static final RlsExtension RLS = SupabasePatternsKit.kit().build();

    static final List<String> PUBLIC_TABLES = SupabasePatternsKit.PUBLIC_TABLES;

    @BeforeEach
    void aSuperAdmin(@AsOwner RlsSession owner) throws IOException {
        try (InputStream script = getClass().getClassLoader().getResourceAsStream(SUPER_ADMIN_SCRIPT)) {
            if (script == null) {
                throw new UncheckedIOException(new IOException(SUPER_ADMIN_SCRIPT + " is not on the class path"));
            }
            owner.update(new String(script.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @FieldSource("PUBLIC_TABLES")
    void theSuperAdminSeesEveryUsersRows(String table, @AsScope("super-admin") RlsSession admin, Tenants tenants) {
        assertThat(admin).canSee(table).rowsOf(tenants.get("a"));
        assertThat(admin).canSee(table).rowsOf(tenants.get("b"));
    }

    @Test
    void theSuperAdminChangesAndRemovesAnyUsersContent(@AsScope("super-admin") RlsSession admin, Tenants tenants) {
        Tenant a = tenants.get("a");
        Tenant b = tenants.get("b");
        assertThat(admin).execute("update posts set status = 'draft' where user_id = ?", a).affectsRows(3);
        assertThat(admin).execute("delete from comments where user_id = ?", b).affectsRows(2);
        assertThat(admin).execute("insert into team_members (team_id, user_id) values (?, ?)",
                seeded(a, "team1"), b).succeeds();
    }

    @Test
    void theSuperAdminCannotChangeRolesThroughTheApi(@AsScope("super-admin") RlsSession admin, Tenants tenants) {
        // The bypass policy is FOR ALL, but the column privileges of authenticated still hold: roles are the
        // server's to change.
        assertThat(admin).execute("update profiles set role = 'admin' where id = ?", tenants.get("a"))
                .isPermissionDenied();
    }

    @Test
    void theSuperAdminHasNoBypassOnStorage(@AsScope("super-admin") RlsSession admin) {
        // The document's storage policies have no super_admin_bypass: the admin sees the public bucket only.
        assertThat(admin).query("select * from storage.objects where bucket_id = 'avatars'").returnsNoRows();
        assertThat(admin).query("select * from storage.objects").returnsRows(2);
    }

    @Test
    void isSuperAdminIsTrueForTheSuperAdminOnly(@AsScope("super-admin") RlsSession admin,
                                                @AsTenant("a") RlsSession a, @AsScope("anon") RlsSession anon) {
        assertThat(admin.query("select public.is_super_admin() as yes")).containsExactly(Map.of("yes", true));
        assertThat(a.query("select public.is_super_admin() as yes")).containsExactly(Map.of("yes", false));
        assertThat(anon.query("select public.is_super_admin() as yes")).containsExactly(Map.of("yes", false));
    }

    @ParameterizedTest
    @FieldSource("PUBLIC_TABLES")
    void theServiceRoleSeesEveryUsersRowsByDesign(String table, @AsWorker RlsSession server, Tenants tenants) {
        assertThat(server.description()).endsWith("a role with BYPASSRLS: bypasses row-level security by design");
        assertThat(server).canSee(table).rowsOf(tenants.get("a"));
        assertThat(server).canSee(table).rowsOf(tenants.get("b"));
    }

    @Test
    void theServiceRoleChangesRoles(@AsWorker RlsSession server, Tenants tenants) {
        assertThat(server).execute("update profiles set role = 'admin' where id = ?", tenants.get("a"))
                .affectsRows(1);
    }

    @Test
    void everyPublicTableHasBothBypassPolicies(@AsOwner RlsSession owner) {
        // The document's checklist and its Bug 4 (a missing service role policy). Permissive policies are OR-ed, so
        // "first" is only the migrations' order; what matters is that neither is missing.
        assertThat(owner.query("select tablename as name, count(*) as bypasses from pg_policies"
                + " where schemaname = 'public' and policyname in ('super_admin_bypass', 'service_role_bypass')"
                + " group by tablename order by tablename"))
                .extracting(row -> row.get("name") + ":" + row.get("bypasses"))
                .containsExactly("comments:2", "posts:2", "profiles:2", "team_data:2", "team_members:2", "teams:2");
    }
}
