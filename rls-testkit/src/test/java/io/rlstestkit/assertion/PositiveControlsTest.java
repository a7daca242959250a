package io.rlstestkit.assertion;

import io.rlstestkit.AsTenant;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/** A deny check never passes vacuously: it first proves that there are rows to deny and that their tenant sees them. */
class PositiveControlsTest {

    /** The invoices policy reads app.tenant, a setting nobody sets: nobody sees an invoice. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "wrong-setting"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhenThePolicyReadsASettingNobodySets {

        @Test
        void cannotSeeFailsInsteadOfPassing(@AsTenant("b") RlsSession b, Tenants tenants) {
            // Without the control, b "cannot see" a's invoices: true, and worthless.
            assertThat(b).query("select * from invoices where tenant_id = ?", tenants.get("a")).returnsNoRows();
            assertThatThrownBy(() -> assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"))).hasMessage("""

                    Expecting %s not to see rows of tenant a in public.invoices,
                    but the check would pass vacuously: tenant a's own scope, %s, sees 0 of its 3 rows there, so \
                    seeing none proves nothing.
                    Why: the policies on public.invoices read setting app.tenant, which the scope does not set (it \
                    sets app.current_tenant_id). Configure the setting the policies read (tenantSetting).""".formatted(
                    TestSchemas.B_SCOPE, TestSchemas.A_SCOPE));
        }

        @Test
        void tablesWhosePoliciesReadTheRightSettingStillHold(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("payments").rowsOf(tenants.get("a"));
        }
    }

    /** Only RESTRICTIVE policies: they narrow what a permissive policy allows, and there is none. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "restrictive-only"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhenEveryPolicyIsRestrictive {

        @Test
        void cannotUpdateFailsInsteadOfPassing(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThatThrownBy(() -> assertThat(b).cannotUpdate("invoices").rowsOf(tenants.get("a"))).hasMessage("""

                    Expecting %s not to update rows of tenant a in public.invoices,
                    but the check would pass vacuously: tenant a's own scope, %s, sees 0 of its 3 rows there, so \
                    seeing none proves nothing.
                    Why: every policy on public.invoices that applies to role app_user for SELECT is RESTRICTIVE \
                    (tenant_isolation): restrictive policies only narrow what a permissive policy allows, so without a \
                    PERMISSIVE policy no row is visible. Add a permissive policy (CREATE POLICY ... AS PERMISSIVE ...) \
                    with the tenant condition.""".formatted(TestSchemas.B_SCOPE, TestSchemas.A_SCOPE));
        }

        @Test
        void everyDenyCheckFailsTheSameWay(@AsTenant("b") RlsSession b, Tenants tenants) {
            Tenant a = tenants.get("a");
            assertThatThrownBy(() -> assertThat(b).cannotSee("payments").rowsOf(a))
                    .hasMessageContaining("but the check would pass vacuously");
            assertThatThrownBy(() -> assertThat(b).cannotDelete("payments").rowsOf(a))
                    .hasMessageContaining("but the check would pass vacuously");
        }
    }

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    class WhenTheTenantHasNoRows {

        @Test
        void theCheckFailsSayingSo(@AsTenant("b") RlsSession b) {
            Tenant unseeded = new Tenant("c", UUID.fromString("00000000-0000-0000-0000-00000000000c"));
            assertThatThrownBy(() -> assertThat(b).cannotDelete("invoices").rowsOf(unseeded)).hasMessage("""

                    Expecting %s not to delete rows of tenant c in public.invoices,
                    but the check would pass vacuously: tenant c has no rows in public.invoices (seen as the owner).
                    Seed rows for tenant c in public.invoices (the seed script runs once per tenant).""".formatted(
                    TestSchemas.B_SCOPE));
        }
    }
}
