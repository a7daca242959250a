package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsScope;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.examples.supabase.SupabasePatternsKit.seeded;

/**
 * The document's fundamentals and common patterns: every user owns their rows ({@code auth.uid()}); published
 * posts are public, drafts are not; a profile is the user's own, except its role; anonymous clients read only what
 * is published. Signed-in users are the kit's tenants ({@code authenticated} with the JWT claims {@code sub} and
 * {@code role}).
 */
class UserIsolationTest {

    @RegisterExtension
    static final RlsExtension RLS = SupabasePatternsKit.kit().build();

    @ParameterizedTest
    @ValueSource(strings = {"profiles", "comments", "teams", "team_members", "team_data"})
    void aUserCannotReachAnotherUsersRows(String table, @AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee(table).rowsOf(a);
        assertThat(b).cannotUpdate(table).rowsOf(a);
        assertThat(b).cannotDelete(table).rowsOf(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"profiles", "posts", "comments", "teams", "team_members", "team_data"})
    void aUserSeesTheirOwnRows(String table, @AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).canSee(table).rowsOf(tenants.get("a"));
    }

    @Test
    void aUserReadsAnotherUsersPublishedPostButNotTheirDraftsAndChangesNone(@AsTenant("b") RlsSession b,
                                                                            Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).query("select * from posts where user_id = ? and status = 'published'", a).returnsRows(1);
        assertThat(b).query("select * from posts where user_id = ? and status = 'draft'", a).returnsNoRows();
        assertThat(b).cannotUpdate("posts").rowsOf(a);
        assertThat(b).cannotDelete("posts").rowsOf(a);
    }

    @Test
    void aUserPostsAndCommentsInTheirOwnNameOnly(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        Tenant own = tenants.get("b");
        String post = "insert into posts (user_id, title, status) values (?, 'x', ?)";
        assertThat(b).execute(post, own, "draft").succeeds();
        assertThat(b).execute(post, a, "draft").violatesPolicy();
        assertThat(b).execute(post, a, "published").violatesPolicy();
        assertThat(b).execute("update posts set user_id = ? where user_id = ?", a, own).violatesPolicy();

        String comment = "insert into comments (post_id, user_id, body) values (?, ?, 'x')";
        assertThat(b).execute(comment, seeded(a, "post3"), own).succeeds();
        assertThat(b).execute(comment, seeded(a, "post1"), own).violatesPolicy();
        assertThat(b).execute(comment, seeded(a, "post3"), a).violatesPolicy();
    }

    @Test
    void aUserEditsTheirProfileButNotTheirRole(@AsTenant("a") RlsSession a) {
        assertThat(a).execute("update profiles set display_name = 'Ada' where id = auth.uid()").affectsRows(1);
        assertThat(a).execute("update profiles set role = 'super_admin' where id = auth.uid()").isPermissionDenied();
    }

    @Test
    void anAnonymousClientReadsPublishedPostsAndNothingElse(@AsScope("anon") RlsSession anon, Tenants tenants) {
        assertThat(anon).query("select * from posts").returnsRows(2);
        assertThat(anon).query("select * from posts where status = 'draft'").returnsNoRows();
        for (String table : new String[] {"profiles", "comments", "teams", "team_members", "team_data"}) {
            assertThat(anon).query("select * from " + table).returnsNoRows();
        }
        assertThat(anon).execute("insert into posts (user_id, title, status) values (?, 'spam', 'published')",
                tenants.get("a")).violatesPolicy();
        assertThat(anon).execute("update posts set title = 'defaced'").affectsNoRows();
        assertThat(anon).execute("delete from posts").affectsNoRows();
    }
}
