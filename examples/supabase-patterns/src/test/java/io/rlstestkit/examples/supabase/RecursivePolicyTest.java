package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The document's "Avoiding Infinite Recursion": its "BAD: Causes infinite recursion" policy on
 * {@code team_members}, which queries {@code team_members}, migrated on purpose on top of the schema (the
 * {@code recursive-team-members-policy} variant). It is an outage, not a leak: every query of an RLS-bound role
 * that touches {@code team_members} fails with 42P17, while {@code team_data}, reached through the SECURITY DEFINER
 * {@code user_team_ids()}, keeps working, which is the document's Solution 2.
 */
class RecursivePolicyTest {

    @RegisterExtension
    static final RlsExtension RLS = SupabasePatternsKit.kit()
            .migrations("classpath:db/migration", "classpath:db/broken/recursive-team-members-policy")
            .build();

    @Test
    void everyQueryOfTeamMembersHitsInfiniteRecursion(@AsTenant("a") RlsSession a) {
        assertThat(a).execute("select * from team_members").hitsPolicyRecursion();
        assertThat(a).execute("select * from team_members where user_id = auth.uid()").hitsPolicyRecursion();
    }

    @Test
    void teamDataThroughTheSecurityDefinerFunctionIsUnaffected(@AsTenant("a") RlsSession a, Tenants tenants) {
        assertThat(a).canSee("team_data").rowsOf(tenants.get("a"));
        assertThat(a).query("select * from team_data").returnsRows(2);
    }

    @Test
    void theServiceRoleBypassesTheRecursivePolicy(@AsWorker RlsSession server) {
        assertThat(server).query("select * from team_members").returnsRows(4);
    }
}
