package io.rlstestkit.examples.supabase;

import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Teams as the tenants, with users as their members ({@code accountMembers = true}): the team's id is in
 * {@code team_id}, and each team's member user, made by the preset, is the scope's {@code sub}. No per-table owner
 * mapping: the deny checks aim at the team's rows, and the member reaches them through {@code user_team_ids()}.
 */
@RlsTest(supabase = true, accountMembers = true, tenantColumn = "team_id", seed = "classpath:db/seed/team.sql")
class TeamsAsTenantsTest {

    @Test
    void aTeamsMemberCannotReachAnotherTeamsData(@AsTenant("b") RlsSession b, Tenants teams) {
        Tenant teamA = teams.get("a");
        assertThat(b).cannotSee("team_data").rowsOf(teamA);
        assertThat(b).cannotUpdate("team_data").rowsOf(teamA);
        assertThat(b).cannotDelete("team_data").rowsOf(teamA);
        assertThat(b).canSee("team_data").rowsOf(teams.get("b"));
        assertThat(b).query("select * from team_data").returnsOnlyRowsOf(teams.get("b"));
    }

    @Test
    void theScopeIsTheMemberNotTheTeam(@AsTenant("a") RlsSession a, Tenants teams) {
        assertThat(a.query("select auth.uid() = (select user_id from team_members) as member,"
                + " (select team_id from team_members) = ? as of_the_team", teams.get("a").id()))
                .containsExactly(Map.of("member", true, "of_the_team", true));
    }
}
