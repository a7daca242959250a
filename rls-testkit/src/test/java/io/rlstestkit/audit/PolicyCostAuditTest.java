package io.rlstestkit.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Severity;
import io.rlstestkit.TestSchemas;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The checks of what policies cost per row: each code raised by the fixture's table, with its exact message, and
 * nothing raised where the calls are in a subquery or inside a function. The sound schemas of {@link TenantAuditTest}
 * (tenant setting, Supabase claims, account membership) raise neither code: they find nothing at all.
 */
class PolicyCostAuditTest {

    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/audit-costs"}, tenantRole = "app_user",
            workerRole = "app_worker")
    class WithATenantSetting {

        @Test
        void raisesBothCodesOnNotesThePerRowCallOnEventsAndTheMissingExpressionIndexOnScans(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::severity, Finding::code, Finding::object).containsExactly(
                    tuple(Severity.WARNING, RlsAudit.POLICY_COLUMN_NOT_INDEXED, "public.scans"),
                    tuple(Severity.INFO, RlsAudit.POLICY_PER_ROW_CALL, "public.events"),
                    tuple(Severity.INFO, RlsAudit.POLICY_PER_ROW_CALL, "public.notes"),
                    tuple(Severity.INFO, RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.notes"));
        }

        /** files, whose policy compares the same expression, has the expression index and raises nothing. */
        @Test
        void aTenantExpressionWithoutTheIndexOfThatExpression(RlsAudit audit) {
            assertThat(audit.findings().get(0).message()).isEqualTo("The policies on public.scans filter on"
                    + " split_part(path, '/'::text, 1), which no index leads with: every statement they filter reads"
                    + " the whole table. Index it: CREATE INDEX ON public.scans ((split_part(path, '/'::text, 1))).");
        }

        @Test
        void perRowCallInAWithCheck(RlsAudit audit) {
            assertThat(audit.findings().get(1).message()).isEqualTo("Policy tenant_adds on public.events calls"
                    + " current_setting('app.current_tenant_id'::text, true) outside a subquery: PostgreSQL may call"
                    + " each again for every row the policy filters, while in a scalar subquery a call runs once per"
                    + " statement. Wrap each call in (select ...): ALTER POLICY tenant_adds ON public.events WITH CHECK"
                    + " ((tenant_id = (NULLIF((select current_setting('app.current_tenant_id'::text, true)),"
                    + " ''::text))::uuid));");
        }

        @Test
        void perRowCall(RlsAudit audit) {
            assertThat(audit.findings().get(2).message()).isEqualTo("Policy tenant_isolation on public.notes calls"
                    + " current_setting('app.current_tenant_id'::text, true) outside a subquery: PostgreSQL may call"
                    + " each again for every row the policy filters, while in a scalar subquery a call runs once per"
                    + " statement. Wrap each call in (select ...): ALTER POLICY tenant_isolation ON public.notes USING"
                    + " ((tenant_id = (NULLIF((select current_setting('app.current_tenant_id'::text, true)),"
                    + " ''::text))::uuid));");
        }

        @Test
        void multiplePermissivePolicies(RlsAudit audit) {
            assertThat(audit.findings().get(3).message()).isEqualTo("public.notes has several permissive policies for"
                    + " one role and command (app_user: SELECT (pinned_notes, tenant_isolation)): PostgreSQL evaluates"
                    + " each of them for every row and ORs them, and a broad one widens the others where nobody reading"
                    + " them looks. Merge them into one policy per role and command, for example CREATE POLICY"
                    + " select_merged ON public.notes FOR SELECT TO app_user USING (((pinned AND (tenant_id = ( SELECT"
                    + " (NULLIF(current_setting('app.current_tenant_id'::text, true), ''::text))::uuid AS \"nullif\"))))"
                    + " OR ((tenant_id = (NULLIF(current_setting('app.current_tenant_id'::text, true),"
                    + " ''::text))::uuid))); and drop those it replaces, narrowed to their other commands where they"
                    + " have any.");
        }
    }

    @Nested
    @RlsTest(migrations = {"classpath:fixtures/styles/supabase", "classpath:fixtures/audit-costs-supabase"},
            supabase = true)
    class WithSupabaseClaims {

        @Test
        void perRowCallsOfAuthUidAndAuthJwt(RlsAudit audit) {
            assertThat(audit.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.code()).isEqualTo(RlsAudit.POLICY_PER_ROW_CALL);
                assertThat(finding.object()).isEqualTo("public.bookmarks");
                assertThat(finding.message()).isEqualTo("Policy Users manage their own bookmarks on public.bookmarks"
                        + " calls auth.uid(), auth.jwt() outside a subquery: PostgreSQL may call each again for every"
                        + " row the policy filters, while in a scalar subquery a call runs once per statement. Wrap"
                        + " each call in (select ...): ALTER POLICY \"Users manage their own bookmarks\" ON"
                        + " public.bookmarks USING ((user_id = (select auth.uid()))) WITH CHECK (((user_id = (select"
                        + " auth.uid())) AND (((select auth.jwt()) ->> 'aal'::text) = 'aal2'::text)));");
            });
        }
    }
}
