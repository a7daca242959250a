package io.rlstestkit.assertion;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;
import static io.rlstestkit.RlsAssertions.catchThrowable;

class CannotSeeTest {

    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "select-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhereEveryoneReadsEverything {

        @Test
        void failsNamingTheRowsSeenAndThePolicies(@AsTenant("b") RlsSession b, Tenants tenants) {
            // GIVEN a permissive SELECT policy with USING (true)
            Tenant a = tenants.get("a");
            // WHEN
            Throwable failure = catchThrowable(() -> assertThat(b).cannotSee("invoices").rowsOf(a));
            // THEN
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("""

                    Expecting %s not to see rows of tenant a in public.invoices,
                    but it sees 3 of tenant a's 3 rows:
                      <SELECT count(*) AS n FROM public.invoices WHERE tenant_id = ?> with [%s (a's id)]
                    Policies on public.invoices for SELECT:
                      everyone_reads (PERMISSIVE, SELECT, to app_user) USING (true)
                      %s
                      worker_reads_all (PERMISSIVE, SELECT, to app_worker) USING (true)""".formatted(
                    TestSchemas.B_SCOPE, TestSchemas.A_ID, TestSchemas.TENANT_POLICY));
        }

        @Test
        void aQueryAssertionFailsTooWithTheRowsItReturned(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThatThrownBy(() -> assertThat(b).query("select number from invoices where tenant_id = ? order by 1",
                    tenants.get("a")).returnsNoRows())
                    .hasMessage("""
                            [%s]\s
                            Expecting query:
                              <select number from invoices where tenant_id = ? order by 1> with [%s (a's id)]
                            to return 0 rows
                            but it returned 3 rows:
                              [{number=a-001}, {number=a-002}, {number=a-003}]""".formatted(TestSchemas.B_SCOPE,
                            TestSchemas.A_ID));
        }
    }

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    class OnTheSoundSchema {

        @Test
        void holds(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
            assertThat(b).cannotSee("public.payments").rowsOf("a");
            assertThat(b).query("select * from invoices where tenant_id = ?", tenants.get("a")).returnsNoRows();
        }

        @Test
        void eachScopeCountsWithAStatementOfItsOwnSoThatPostgresKeepsItsPlan(@AsTenant("b") RlsSession b,
                                                                             @AsOwner RlsSession owner,
                                                                             Tenants tenants) {
            // WHEN the check runs often enough for the driver to prepare its statements on the server
            for (int i = 0; i < 6; i++) {
                assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
            }
            // THEN the owner, the tenant's own scope and the checked scope each counted with a text of their own: a
            // plan is made for the role that runs it, and one text run by three roles in turn would be planned anew
            assertThat(owner.query("select substring(statement from '/[*] (.*) [*]/$') as scope"
                    + " from pg_prepared_statements where statement like 'SELECT count(*) AS n FROM public.invoices%'"
                    + " order by 1")).containsExactly(Map.of("scope", "checked scope"), Map.of("scope", "own scope"),
                    Map.of("scope", "owner"));
        }

        @Test
        void failsForATableThatDoesNotExist(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThatThrownBy(() -> assertThat(b).cannotSee("invoice").rowsOf(tenants.get("a"))).hasMessage("""

                    Expecting %s not to see rows of tenant a in invoice,
                    but there is no table or view invoice (search_path: "$user", public).
                    Tables with row-level security: public.invoices, public.payments.
                    Check the name, or qualify it with its schema.""".formatted(TestSchemas.B_SCOPE));
        }

        @Test
        void failsForATableWithoutTheTenantColumn(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThatThrownBy(() -> assertThat(b).cannotSee("tenants").rowsOf(tenants.get("a"))).hasMessage("""

                    Expecting %s not to see rows of tenant a in public.tenants,
                    but public.tenants has no column tenant_id to tell the tenants' rows apart (columns: id, name).
                    Configure the table's tenant column (tenantColumn, or tenantColumn("tenants", "...")).""".formatted(
                    TestSchemas.B_SCOPE));
        }

        @Test
        void failsForAnUnknownTenantKey(@AsTenant("b") RlsSession b) {
            assertThatThrownBy(() -> assertThat(b).cannotSee("invoices").rowsOf("c"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Expecting a seeded tenant with key \"c\" but the tenants are [a, b]. Add the key to"
                            + " @RlsTest(tenants = ...) or use one of those.");
        }
    }
}
