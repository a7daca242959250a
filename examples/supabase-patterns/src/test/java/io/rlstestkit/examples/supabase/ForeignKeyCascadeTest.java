package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.examples.supabase.SupabasePatternsKit.seeded;

/**
 * The document's Bug 3, "RLS bypassed by foreign key cascades", kept in the schema and documented here:
 * {@code comments.fk_post ... ON DELETE CASCADE}. The cascade runs as a referential-integrity action, outside the
 * policies on {@code comments}, so deleting a post removes other users' comments on it, which the post's author
 * could not delete directly. The project accepts it (a post's comments live and die with it); this test says so.
 */
class ForeignKeyCascadeTest {

    @RegisterExtension
    static final RlsExtension RLS = SupabasePatternsKit.kit().build();

    @Test
    void deletingAPostRemovesAnotherUsersCommentThatItsAuthorCouldNotDelete(
            @AsTenant("a") RlsSession a, @AsTenant("b") RlsSession b, @AsOwner RlsSession owner, Tenants tenants) {
        Tenant userA = tenants.get("a");
        Tenant userB = tenants.get("b");
        UUID publishedPostOfA = seeded(userA, "post3");
        b.update("insert into comments (post_id, user_id, body) values (?, ?, 'Nice post!')", publishedPostOfA, userB);

        // a sees b's comment on a's post, and cannot delete it: no DELETE policy lets a remove b's comments.
        assertThat(a).query("select * from comments where user_id = ?", userB).returnsRows(1);
        assertThat(a).execute("delete from comments where user_id = ?", userB).affectsNoRows();

        // Deleting the post (a's right) takes b's comment with it: the cascade bypasses the comments policies.
        assertThat(a.update("delete from posts where id = ?", publishedPostOfA)).isEqualTo(1);
        assertThat(owner).query("select * from comments where user_id = ? and post_id = ?", userB, publishedPostOfA)
                .returnsNoRows();
        assertThat(owner).query("select * from comments where user_id = ?", userB).returnsRows(2);
    }
}
