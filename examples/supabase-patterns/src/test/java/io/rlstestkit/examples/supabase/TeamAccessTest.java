package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.AsWorker;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.examples.supabase.SupabasePatternsKit.seeded;

/**
 * Team access, the document's "Solution 2": team data is reached through {@code public.user_team_ids()}, a
 * SECURITY DEFINER function that reads {@code team_members} without row-level security, so the policies need no
 * subquery on {@code team_members} and cannot recurse; {@code team_members} itself has the plain
 * {@code user_id = auth.uid()} policy ("Solution 1"). Membership is managed by the server ({@code service_role}).
 */
class TeamAccessTest {

    @RegisterExtension
    static final RlsExtension RLS = SupabasePatternsKit.kit().build();

    @Test
    void userTeamIdsReturnsTheTeamsOfTheCallingUserOnly(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant userB = tenants.get("b");
        assertThat(b.query("select public.user_team_ids() as ids"))
                .containsExactly(Map.of("ids", List.of(seeded(userB, "team1"), seeded(userB, "team2"))));
    }

    @Test
    void userTeamIdsIsASecurityDefinerFunctionWithAFixedSearchPath(@AsOwner RlsSession owner) {
        assertThat(owner.query("select p.prosecdef as definer, p.proconfig as config from pg_proc p"
                + " where p.oid = 'public.user_team_ids()'::regprocedure"))
                .containsExactly(Map.of("definer", true, "config", List.of("search_path=\"\"")));
    }

    @Test
    void joiningATeamGrantsItsDataAndNothingMore(@AsWorker RlsSession server, @AsTenant("b") RlsSession b,
                                                 Tenants tenants) {
        Tenant userA = tenants.get("a");
        Tenant userB = tenants.get("b");
        UUID team1OfA = seeded(userA, "team1");
        UUID team2OfA = seeded(userA, "team2");
        assertThat(b).query("select * from team_data where team_id = ?", team1OfA).returnsNoRows();

        server.update("insert into team_members (team_id, user_id) values (?, ?)", team1OfA, userB);

        assertThat(b).query("select * from teams where id = ?", team1OfA).returnsRows(1);
        assertThat(b).query("select * from team_data where team_id = ?", team1OfA).returnsRows(1);
        assertThat(b).execute("insert into team_data (team_id, title, created_by) values (?, 'Plan', ?)",
                team1OfA, userB).succeeds();
        // V5: a member writes rows as themselves, never in another member's name
        assertThat(b).execute("insert into team_data (team_id, title, created_by) values (?, 'Plan', ?)",
                team1OfA, userA).violatesPolicy();
        assertThat(b).query("select * from team_data where team_id = ?", team2OfA).returnsNoRows();
        assertThat(b).execute("insert into team_data (team_id, title, created_by) values (?, 'Plan', ?)",
                team2OfA, userB).violatesPolicy();
        // Solution 1 on team_members: b sees its own membership of a's team, not a's.
        assertThat(b).query("select user_id from team_members where team_id = ?", team1OfA)
                .returnsOnlyRowsOf(userB);
    }

    @Test
    void aUserCannotJoinATeamThemselves(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThat(b).execute("insert into team_members (team_id, user_id) values (?, ?)",
                seeded(tenants.get("a"), "team1"), tenants.get("b")).violatesPolicy();
    }
}
