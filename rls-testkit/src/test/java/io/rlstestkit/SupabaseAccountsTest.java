package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Tenants that are accounts whose members are users: the account's id in the tenant columns, the member user's id in
 * {@code sub}; the preset makes the users, the seed the accounts and memberships ({@code ${tenant.user}}).
 */
@RlsTest(supabase = true, accountMembers = true, migrations = "classpath:fixtures/supabase-accounts",
        seed = "classpath:fixtures/supabase-accounts/seed.sql", tenantColumn = "account_id")
class SupabaseAccountsTest {

    private static final String ME = "select auth.uid() = (select user_id from account_members) as member,"
            + " auth.uid() <> (select id from accounts) as not_the_account, auth.email() as email";

    @Test
    void aTenantScopeIsTheAccountsMemberUser(@AsTenant("a") RlsSession a) {
        assertThat(a.query(ME)).containsExactly(Map.of("member", true, "not_the_account", true,
                "email", "a@example.test"));
    }

    @Test
    void accountsAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
        Tenant a = tenants.get("a");
        assertThat(b).cannotSee("projects").rowsOf(a);
        assertThat(b).cannotUpdate("projects").rowsOf(a);
        assertThat(b).cannotDelete("projects").rowsOf(a);
        assertThat(b).canSee("projects").rowsOf(tenants.get("b"));
        assertThat(b).execute("insert into projects (account_id, name) values (?, 'forged')", a.id())
                .violatesPolicy();
        assertThat(b).execute("insert into projects (account_id, name) values (?, 'own')", tenants.get("b").id())
                .succeeds();
    }

    @Test
    void theMembersAreUsers(@AsOwner RlsSession owner) {
        assertThat(owner.query("select u.email from auth.users u join account_members m on m.user_id = u.id"
                + " order by 1")).isEqualTo(List.of(Map.of("email", "a@example.test"),
                Map.of("email", "b@example.test")));
    }

    @Test
    void onlyWithTheSupabasePreset() {
        org.assertj.core.api.Assertions.assertThat(ExtensionFailuresTest.classFailure(WithoutSupabase.class))
                .isEqualTo("Expecting accountMembers with the Supabase preset (supabase = true), which makes the"
                        + " accounts' member users, but the preset is off.\nTurn the preset on, or leave"
                        + " accountMembers out: without the preset a tenant's scope is what tenantRole,"
                        + " tenantSetting and the claims say.");
    }

    @RlsTest(accountMembers = true, migrations = "classpath:fixtures/supabase-accounts")
    @Fixture
    static class WithoutSupabase {
        @Test
        void test(Tenants tenants) {
        }
    }
}
