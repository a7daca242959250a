package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The document's storage bucket policies on {@code storage.objects}: in the private {@code avatars} bucket a user
 * uploads to and reads from the folder named by their id ({@code (storage.foldername(name))[1] = auth.uid()::text});
 * everybody reads the {@code public} bucket; the service role has full access.
 */
class StorageFolderPoliciesTest {

    @RegisterExtension
    static final RlsExtension RLS = SupabasePatternsKit.kit().build();

    private static final String UPLOAD = "insert into storage.objects (bucket_id, name, owner) values (?, ?, ?)";
    private static final String AVATARS_OF = "select owner as user_id from storage.objects"
            + " where bucket_id = 'avatars' and name like ? || '/%'";

    @Test
    void aUserUploadsIntoTheirOwnAvatarFolderOnly(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        Tenant own = tenants.get("b");
        assertThat(b).execute(UPLOAD, "avatars", own.id() + "/new.png", own).succeeds();
        assertThat(b).execute(UPLOAD, "avatars", own.id() + "/2025/new.png", own).succeeds();
        assertThat(b).execute(UPLOAD, "avatars", a.id() + "/new.png", own).violatesPolicy();
        assertThat(b).execute(UPLOAD, "avatars", "new.png", own).violatesPolicy();
        assertThat(b).execute(UPLOAD, "public", "banners/new.png", own).violatesPolicy();
    }

    @Test
    void aUserSeesTheirOwnAvatarsAndThePublicBucketOnly(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        Tenant own = tenants.get("b");
        assertThat(b).query(AVATARS_OF, own.id().toString()).returnsRows(2).returnsOnlyRowsOf(own);
        assertThat(b).query(AVATARS_OF, a.id().toString()).returnsNoRows();
        assertThat(b).query("select * from storage.objects where bucket_id = 'public'").returnsRows(2);
        assertThat(b).query("select * from storage.objects").returnsRows(4);
    }

    @Test
    void aUserCannotChangeOrRemoveAnotherUsersFiles(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(b).cannotUpdate("storage.objects").rowsOf(tenants.get("a"));
        assertThat(b).cannotDelete("storage.objects").rowsOf(tenants.get("a"));
    }

    @Test
    void anAnonymousClientReadsThePublicBucketOnly(@AsScope("anon") RlsSession anon, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(anon).query("select * from storage.objects where bucket_id = 'public'").returnsRows(2);
        assertThat(anon).query("select * from storage.objects where bucket_id = 'avatars'").returnsNoRows();
        assertThat(anon).execute(UPLOAD, "avatars", a.id() + "/new.png", a).violatesPolicy();
        assertThat(anon).execute(UPLOAD, "public", "banners/spam.png", a).violatesPolicy();
    }

    @Test
    void theServiceRoleHasFullAccess(@AsWorker RlsSession server, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(server).query("select * from storage.objects").returnsRows(6);
        assertThat(server).execute(UPLOAD, "avatars", a.id() + "/from-server.png", a).succeeds();
        assertThat(server).execute("delete from storage.objects where owner = ?", a).affectsRows(3);
    }
}
