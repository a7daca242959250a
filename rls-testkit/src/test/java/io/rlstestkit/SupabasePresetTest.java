package io.rlstestkit;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

/** The Supabase preset: roles, auth.uid() from the JWT claims, a service role that bypasses, users as tenants. */
@RlsTest(supabase = true, migrations = "classpath:fixtures/supabase", seed = "classpath:fixtures/supabase/seed.sql",
        tenantColumn = "user_id")
class SupabasePresetTest {

    @Test
    void aUserScopeIsAuthenticatedWithTheClaimsOfTheUser(@AsTenant("a") RlsSession a) {
        assertThat(a.role()).isEqualTo("authenticated");
        assertThat(a.query("select auth.uid() as uid, auth.role() as role,"
                + " auth.jwt() ->> 'sub' as sub, current_setting('request.jwt.claim.sub') as claim"))
                .containsExactly(Map.of("uid", java.util.UUID.fromString(TestSchemas.A_ID), "role", "authenticated",
                        "sub", TestSchemas.A_ID, "claim", TestSchemas.A_ID));
    }

    @Test
    void usersAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(b).cannotSee("notes").rowsOf(tenants.get("a"));
        assertThat(b).cannotUpdate("notes").rowsOf(tenants.get("a"));
        assertThat(b).cannotDelete("notes").rowsOf(tenants.get("a"));
        assertThat(b).execute("insert into notes (user_id, body) values (?, 'forged')", tenants.get("a"))
                .violatesPolicy();
        assertThat(b).query("select * from notes").returnsOnlyRowsOf(tenants.get("b"));
    }

    @Test
    void aUserIdKeptAsTextInOneTableIsStillTheUsersUuid(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(tenants.get("a").id()).isInstanceOf(java.util.UUID.class);
        assertThat(b).cannotSee("text_notes").rowsOf(tenants.get("a"));
        assertThat(b).cannotUpdate("text_notes").rowsOf(tenants.get("a"));
        assertThat(b).cannotDelete("text_notes").rowsOf(tenants.get("a"));
        assertThat(b).canSee("text_notes").rowsOf(tenants.get("b"));
    }

    @Test
    void theServiceRoleBypassesByDesign(@AsWorker RlsSession service, Tenants tenants) {
        assertThat(service.description()).isEqualTo("worker (role service_role, request.jwt.claims ="
                + " '{\"role\":\"service_role\"}'), a role with BYPASSRLS: bypasses row-level security by design");
        assertThat(service).query("select * from notes").returnsRows(4);
    }

    @Test
    void usersAreRowsOfAuthUsers(@AsOwner RlsSession owner, Tenants tenants) {
        assertThat(owner.query("select email from auth.users order by email"))
                .containsExactly(Map.of("email", "a@example.test"), Map.of("email", "b@example.test"));
    }

    @Test
    void storageFolderNames(@AsOwner RlsSession owner) {
        assertThat(owner.query("select storage.foldername('avatars/a/b/face.png') as folders"))
                .containsExactly(Map.of("folders", java.util.List.of("avatars", "a", "b")));
    }

    @Test
    void anonymousSeesNothing(@AsScope("anon") RlsSession anon) {
        assertThat(anon).query("select * from notes").returnsNoRows();
    }
}
