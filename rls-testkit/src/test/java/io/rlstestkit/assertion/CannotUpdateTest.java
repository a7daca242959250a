package io.rlstestkit.assertion;

import io.rlstestkit.AsTenant;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

class CannotUpdateTest {

    /** A permissive UPDATE policy with USING (true): invisible to a probe with a WHERE clause. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "update-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhereTheUpdatePolicyLeaks {

        @Test
        void aProbeWithAWhereClauseMissesTheLeak(@AsTenant("b") RlsSession b, Tenants tenants) {
            // The SELECT policy hides a's rows from the WHERE clause, so this UPDATE reports 0 rows...
            assertThat(b).execute("update invoices set note = note where tenant_id = ?", tenants.get("a"))
                    .affectsNoRows();
            // ...while an UPDATE that reads no column reaches every row, a's included.
            assertThat(b).execute("update invoices set note = 'overwritten'").affectsRows(6);
        }

        @Test
        void theKitCatchesItWithABlindProbe(@AsTenant("b") RlsSession b, Tenants tenants) {
            Tenant a = tenants.get("a");
            Throwable failure = catchThrowable(() -> assertThat(b).cannotUpdate("invoices").rowsOf(a));
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                    Expecting %s not to update rows of tenant a in public.invoices,
                    but an UPDATE that reads no column changed 3 of tenant a's 3 rows:
                      <UPDATE public.invoices SET note = ?::text> with [first of a]
                    (the UPDATE aimed with WHERE changed 0 rows: the SELECT policy hides the rows from a WHERE clause, \
                    but the UPDATE policy does not protect them).
                    Policies on public.invoices for UPDATE:
                      everyone_updates (PERMISSIVE, UPDATE, to app_user) USING (true)
                      %s""".formatted(TestSchemas.B_SCOPE, TestSchemas.TENANT_POLICY));
        }

        @Test
        void theProbeLeavesTheRowsAsTheyWere(@AsTenant("b") RlsSession b, Tenants tenants, @AsTenant("a") RlsSession a) {
            Object before = a.query("select id, note from invoices order by id");
            catchThrowable(() -> assertThat(b).cannotUpdate("invoices").rowsOf(tenants.get("a")));
            assertThat(a.query("select id, note from invoices order by id")).isEqualTo(before);
        }

        @Test
        void otherTablesStillHold(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotUpdate("payments").rowsOf(tenants.get("a"));
            assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
        }
    }

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    class OnTheSoundSchema {

        @Test
        void holds(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotUpdate("invoices").rowsOf(tenants.get("a"));
            assertThat(b).cannotUpdate("payments").rowsOf(tenants.get("a"));
        }
    }
}
