package io.rlstestkit.assertion;

import io.rlstestkit.AsTenant;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

class CannotDeleteTest {

    /** Permissive DELETE policies with USING (true) on invoices and on payments, which reference invoices. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "delete-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhereTheDeletePolicyLeaks {

        @Test
        void aProbeWithAWhereClauseMissesTheLeak(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).execute("delete from payments where tenant_id = ?", tenants.get("a")).affectsNoRows();
            assertThat(b).execute("delete from payments").affectsRows(6);
        }

        @Test
        void theKitCatchesItWithABlindProbe(@AsTenant("b") RlsSession b, Tenants tenants) {
            Throwable failure = catchThrowable(() -> assertThat(b).cannotDelete("payments").rowsOf(tenants.get("a")));
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                    Expecting %s not to delete rows of tenant a in public.payments,
                    but a DELETE that reads no column removed 3 of tenant a's 3 rows:
                      <DELETE FROM public.payments>
                    (the DELETE aimed with WHERE removed 0 rows: the SELECT policy hides the rows from a WHERE clause, \
                    but the DELETE policy does not protect them).
                    Policies on public.payments for DELETE:
                      everyone_deletes (PERMISSIVE, DELETE, to app_user) USING (true)
                      %s""".formatted(TestSchemas.B_SCOPE, TestSchemas.TENANT_POLICY));
        }

        @Test
        void theKitProbesPastAForeignKeyThatRefusesTheDelete(@AsTenant("b") RlsSession b, Tenants tenants) {
            // Payments reference the invoices, so a plain DELETE FROM invoices fails on the foreign key and would
            // tell nothing; the kit probes again with foreign-key triggers off.
            assertThat(b).execute("delete from invoices").violatesConstraint();
            Throwable failure = catchThrowable(() -> assertThat(b).cannotDelete("invoices").rowsOf(tenants.get("a")));
            assertThat(failure).hasMessageContaining("but a DELETE that reads no column removed 3 of tenant a's 3 rows:"
                    + "\n  <DELETE FROM public.invoices>");
        }
    }

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    class OnTheSoundSchema {

        @Test
        void holds(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotDelete("invoices").rowsOf(tenants.get("a"));
            assertThat(b).cannotDelete("payments").rowsOf(tenants.get("a"));
        }
    }
}
