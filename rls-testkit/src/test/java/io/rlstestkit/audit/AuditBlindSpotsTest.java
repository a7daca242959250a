package io.rlstestkit.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Severity;
import io.rlstestkit.TestSchemas;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * Holes the audit once let pass: a bypass setting read inside a function the policy calls, and a WITH CHECK that only
 * asks whether the session has a tenant, not whether the row is that tenant's. The sound schemas of
 * {@link TenantAuditTest} (a SECURITY DEFINER check such as {@code has_role_on_account(account_id)} among them) still
 * raise neither.
 */
@RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/audit-blind-spots"}, tenantRole = "app_user",
        workerRole = "app_worker")
class AuditBlindSpotsTest {

    @Test
    void raisesEachOnItsTable(RlsAudit audit) {
        assertThat(audit.findings()).extracting(Finding::severity, Finding::code, Finding::object).containsExactly(
                tuple(Severity.ERROR, RlsAudit.WITH_CHECK_IGNORES_TENANT, "public.invites"),
                tuple(Severity.WARNING, RlsAudit.BYPASS_BY_SETTING, "public.tickets"),
                tuple(Severity.INFO, RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.tickets"));
    }

    @Test
    void aWithCheckThatOnlyTestsTheIdentityForPresence(RlsAudit audit) {
        assertThat(audit.findings().get(0).message()).isEqualTo("Policy tenant_invites on public.invites (PERMISSIVE,"
                + " INSERT, to app_user) has WITH CHECK ((( SELECT NULLIF(current_setting('app.current_tenant_id'::text,"
                + " true), ''::text) AS \"nullif\") IS NOT NULL)): it constrains none of the columns that tie a row to"
                + " its tenant (tenant_id): app_user may write rows that belong to another tenant. Check the tenant:"
                + " ALTER POLICY tenant_invites ON public.invites WITH CHECK (((( SELECT"
                + " NULLIF(current_setting('app.current_tenant_id'::text, true), ''::text) AS \"nullif\") IS NOT NULL))"
                + " AND tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid)).");
    }

    @Test
    void aBypassSettingReadInsideAFunction(RlsAudit audit) {
        assertThat(audit.findings().get(1).message()).isEqualTo("Policy support_reads_all on public.tickets"
                + " (PERMISSIVE, SELECT, to app_user) admits rows by the session setting app.support_mode, read by"
                + " support_mode(), which is not a tenant setting: any session may set a custom setting (SET"
                + " app.support_mode = ...), so app_user reads every tenant's rows once its SQL sets it, and isolation"
                + " rests on the application never running a tenant's statement with it. Give the trusted path a role"
                + " of its own: CREATE POLICY ... ON public.tickets TO <trusted_role> USING (true); DROP POLICY"
                + " support_reads_all ON public.tickets; or let that role bypass row-level security (ALTER ROLE"
                + " <trusted_role> BYPASSRLS).");
    }
}
