package io.rlstestkit.audit;

import io.rlstestkit.AcceptFinding;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Severity;
import io.rlstestkit.SoundSchema;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.testing.RequiresPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The policy audit reads the catalog and reports each mistake once, on its object, with a message that says how to
 * fix it: every code is raised by an object of the audit fixture, and by nothing in the sound schema.
 */
class RlsAuditTest {

    @Nested
    @SoundSchema
    class OnTheSoundSchema {

        @Test
        void findsNothing(RlsAudit audit) {
            assertThat(audit.findings()).isEmpty();
            audit.assertNoFindings();
        }
    }

    /** Each object of the fixture raises one code; the objects beside them that do it right raise none. */
    @Nested
    @RequiresPostgres(version = 15, reason = "the audit fixture has views with security_invoker")
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.AUDIT}, seed = TestSchemas.SEED, tenantRole = "app_user")
    class WithOneFindingPerObject {

        @Test
        void raisesEachCodeOnceOnItsObject(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::severity, Finding::code, Finding::object).containsExactly(
                    tuple(Severity.ERROR, RlsAudit.RLS_DISABLED, "public.notes"),
                    tuple(Severity.ERROR, RlsAudit.RLS_NOT_FORCED, "public.drafts"),
                    tuple(Severity.ERROR, RlsAudit.PERMISSIVE_TRUE, "public.comments"),
                    tuple(Severity.ERROR, RlsAudit.SECURITY_DEFINER_NO_SEARCH_PATH, "public.server_time()"),
                    tuple(Severity.ERROR, RlsAudit.VIEW_BYPASSES_RLS, "public.invoice_summary"),
                    tuple(Severity.ERROR, RlsAudit.VIEW_BYPASSES_RLS, "public.payment_totals"),
                    tuple(Severity.WARNING, RlsAudit.NO_POLICY, "public.attachments"),
                    tuple(Severity.WARNING, RlsAudit.POLICY_READS_OWN_TABLE, "public.team_members"),
                    tuple(Severity.WARNING, RlsAudit.SETTING_READ_WITHOUT_MISSING_OK, "public.current_tenant()"),
                    tuple(Severity.WARNING, RlsAudit.SETTING_READ_WITHOUT_MISSING_OK, "public.projects"),
                    tuple(Severity.WARNING, RlsAudit.POLICY_COLUMN_NOT_INDEXED, "public.tasks"),
                    tuple(Severity.WARNING, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, "public.invoice_total(uuid)"),
                    tuple(Severity.WARNING, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, "public.payment_count(uuid)"),
                    tuple(Severity.WARNING, RlsAudit.FOREIGN_KEY_CROSSES_TENANTS, "public.invoice_lines"),
                    tuple(Severity.INFO, RlsAudit.CASCADE_BYPASSES_RLS, "public.invoice_lines"),
                    tuple(Severity.INFO, RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.comments"));
            assertThat(audit.findings()).noneMatch(Finding::accepted);
        }

        @Test
        void rlsDisabled(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.RLS_DISABLED)).isEqualTo(new Finding(RlsAudit.RLS_DISABLED, "public.notes",
                    "public.notes has the tenant column tenant_id but row-level security is off: every role that may"
                            + " read it reads every tenant's rows. Enable and force it, and add a tenant policy: ALTER"
                            + " TABLE public.notes ENABLE ROW LEVEL SECURITY; ALTER TABLE public.notes FORCE ROW LEVEL"
                            + " SECURITY; CREATE POLICY ... USING (...) WITH CHECK (...).", Severity.ERROR));
        }

        @Test
        void rlsNotForced(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.RLS_NOT_FORCED)).isEqualTo(new Finding(RlsAudit.RLS_NOT_FORCED,
                    "public.drafts", "public.drafts has row-level security enabled but not forced, and is owned by"
                    + " app_user, the tenant role: a table's owner bypasses its policies, so the scopes that use"
                    + " app_user read every tenant's rows. Force it: ALTER TABLE public.drafts FORCE ROW LEVEL"
                    + " SECURITY; or let a role that no tenant scope uses own it.", Severity.ERROR));
        }

        @Test
        void noPolicy(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.NO_POLICY)).isEqualTo(new Finding(RlsAudit.NO_POLICY, "public.attachments",
                    "public.attachments has row-level security enabled but no policy: every role subject to it reads"
                            + " no row and writes none. Add the tenant policy (CREATE POLICY ... USING (...) WITH CHECK"
                            + " (...)), or, where only roles that bypass row-level security use the table, say so by"
                            + " accepting this finding.", Severity.WARNING));
        }

        @Test
        void permissiveTrueButNotWhereARestrictivePolicyNarrowsIt(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.PERMISSIVE_TRUE)).isEqualTo(new Finding(RlsAudit.PERMISSIVE_TRUE,
                    "public.comments", "Policy everyone_reads on public.comments (PERMISSIVE, SELECT, to app_user) has"
                    + " USING (true): permissive policies are OR-ed, so app_user may read every tenant's rows, whatever"
                    + " the other policies say. Replace true with the tenant condition, or narrow it with a RESTRICTIVE"
                    + " tenant policy.", Severity.ERROR));
        }

        @Test
        void securityDefinerWithoutSearchPath(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.SECURITY_DEFINER_NO_SEARCH_PATH)).isEqualTo(new Finding(
                    RlsAudit.SECURITY_DEFINER_NO_SEARCH_PATH, "public.server_time()", "public.server_time() is"
                    + " SECURITY DEFINER without a fixed search_path: it runs with the rights of its owner postgres,"
                    + " and a caller who puts a schema of their own first on the search_path can make it run their"
                    + " functions and operators. Pin it: ALTER FUNCTION public.server_time() SET search_path ="
                    + " pg_catalog, pg_temp (and schema-qualify the objects it uses).", Severity.ERROR));
        }

        @Test
        void viewThatRunsAsItsOwnerButNotOneThatRunsAsItsUser(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.VIEW_BYPASSES_RLS).get(0)).isEqualTo(new Finding(RlsAudit.VIEW_BYPASSES_RLS,
                    "public.invoice_summary", "public.invoice_summary reads public.invoices, which has row-level"
                    + " security, and runs with the rights of its owner postgres (no security_invoker): app_user reads"
                    + " it under postgres's row-level security, not its own. Make it run as its user: ALTER VIEW"
                    + " public.invoice_summary SET (security_invoker = true); or revoke SELECT on it from app_user.",
                    Severity.ERROR));
        }

        @Test
        void materializedViewOverATableWithRls(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.VIEW_BYPASSES_RLS).get(1)).isEqualTo(new Finding(RlsAudit.VIEW_BYPASSES_RLS,
                    "public.payment_totals", "public.payment_totals is a materialized view of public.payments, which"
                    + " has row-level security: it holds the rows its owner postgres saw when it was refreshed, and no"
                    + " policy applies to it, so app_user reads every tenant's rows. Revoke SELECT on it from"
                    + " app_user, or serve it through a function or view that filters by tenant.", Severity.ERROR));
        }

        @Test
        void policyThatReadsItsOwnTable(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.POLICY_READS_OWN_TABLE)).isEqualTo(new Finding(
                    RlsAudit.POLICY_READS_OWN_TABLE, "public.team_members", "Policy check_membership on"
                    + " public.team_members reads public.team_members itself in a subquery: where that read is subject"
                    + " to the same policy, PostgreSQL stops every statement with \"infinite recursion detected in"
                    + " policy for relation\". Read it through a SECURITY DEFINER function with a fixed search_path,"
                    + " which is not subject to the policy, or compare with the tenant setting directly.",
                    Severity.WARNING));
        }

        @Test
        void tenantSettingReadWithoutMissingOk(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.SETTING_READ_WITHOUT_MISSING_OK).get(1)).isEqualTo(new Finding(
                    RlsAudit.SETTING_READ_WITHOUT_MISSING_OK, "public.projects", "Policy tenant_isolation on"
                    + " public.projects reads app.current_tenant_id with current_setting('app.current_tenant_id')"
                    + " without missing_ok: on a connection that never set it (a background job, a console, a"
                    + " migration) every statement on public.projects fails with \"unrecognized configuration"
                    + " parameter\" instead of seeing no rows. Write current_setting('app.current_tenant_id', true) and"
                    + " compare with nullif(..., ''), so that a missing tenant sees no rows; never turn that NULL into"
                    + " \"no filter\" (coalesce(..., tenant_id), ... IS NULL OR ...), which shows every row.",
                    Severity.WARNING));
        }

        @Test
        void tenantSettingReadWithoutMissingOkInAFunctionAPolicyCalls(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.SETTING_READ_WITHOUT_MISSING_OK).get(0)).isEqualTo(new Finding(
                    RlsAudit.SETTING_READ_WITHOUT_MISSING_OK, "public.current_tenant()", "Function"
                    + " public.current_tenant(), which a policy calls, reads app.current_tenant_id with"
                    + " current_setting('app.current_tenant_id') without missing_ok: on a connection that never set it"
                    + " (a background job, a console, a migration) every statement whose policies call it fails with"
                    + " \"unrecognized configuration parameter\" instead of seeing no rows. Write"
                    + " current_setting('app.current_tenant_id', true) and compare with nullif(..., ''), so that a"
                    + " missing tenant sees no rows; never turn that NULL into \"no filter\" (coalesce(..., tenant_id),"
                    + " ... IS NULL OR ...), which shows every row.", Severity.WARNING));
        }

        @Test
        void policyColumnWithoutAnIndex(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.POLICY_COLUMN_NOT_INDEXED)).isEqualTo(new Finding(
                    RlsAudit.POLICY_COLUMN_NOT_INDEXED, "public.tasks", "The policies on public.tasks filter on"
                    + " tenant_id, which no index leads with: every statement they filter reads the whole table. Index"
                    + " it: CREATE INDEX ON public.tasks (tenant_id).", Severity.WARNING));
        }

        @Test
        void securityDefinerThatReadsATableWithRlsButNotOneTenantsMayNotExecute(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE).get(0)).isEqualTo(new Finding(
                    RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, "public.invoice_total(uuid)", "public.invoice_total(uuid)"
                    + " is SECURITY DEFINER and reads public.invoices, which has row-level security; it runs as"
                    + " postgres, a superuser to whom no policy applies, and app_user may execute it: it returns every"
                    + " tenant's rows unless it filters by tenant itself. Revoke EXECUTE where tenants must not call it"
                    + " (REVOKE EXECUTE ON FUNCTION public.invoice_total(uuid) FROM PUBLIC, app_user), make it SECURITY"
                    + " INVOKER, or filter by the tenant setting inside it.", Severity.WARNING));
        }

        @Test
        void securityDefinerWithASqlStandardBodyThatReadsATableWithRls(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE).get(1).message()).startsWith(
                    "public.payment_count(uuid) is SECURITY DEFINER and reads public.payments, which has row-level"
                            + " security; it runs as postgres, a superuser to whom no policy applies, and app_user may"
                            + " execute it");
        }

        @Test
        void cascadeIntoATenantTableButNotThroughAKeyWithTheTenantColumn(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.CASCADE_BYPASSES_RLS)).isEqualTo(new Finding(
                    RlsAudit.CASCADE_BYPASSES_RLS, "public.invoice_lines", "Foreign key invoice_lines_invoice_id_fkey"
                    + " of public.invoice_lines (invoice_id) references public.invoices ON DELETE CASCADE: deleting a"
                    + " row of public.invoices deletes the rows of public.invoice_lines that reference it without"
                    + " public.invoice_lines's policies, which a cascade does not apply, whatever the tenant of those"
                    + " rows. With the tenant in the key, a cascade reaches only the same tenant's rows: ALTER TABLE"
                    + " public.invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_fkey, ADD FOREIGN KEY"
                    + " (tenant_id, invoice_id) REFERENCES public.invoices (tenant_id, id) ON DELETE CASCADE;",
                    Severity.INFO));
        }

        @Test
        void foreignKeyThatCrossesTenantsButNotOneThatCarriesTheTenant(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.FOREIGN_KEY_CROSSES_TENANTS)).isEqualTo(new Finding(
                    RlsAudit.FOREIGN_KEY_CROSSES_TENANTS, "public.invoice_lines", "Foreign key"
                    + " invoice_lines_invoice_id_fkey of public.invoice_lines (invoice_id) references public.invoices"
                    + " (id) without the tenant column on both sides (tenant_id, tenant_id): a foreign key check is not"
                    + " subject to row-level security, so a tenant can make its rows of public.invoice_lines reference"
                    + " another tenant's row of public.invoices, and learn from the error which ids exist. Make the key"
                    + " carry the tenant: ALTER TABLE public.invoice_lines DROP CONSTRAINT invoice_lines_invoice_id_fkey,"
                    + " ADD FOREIGN KEY (tenant_id, invoice_id) REFERENCES public.invoices (tenant_id, id) ON DELETE"
                    + " CASCADE;", Severity.WARNING));
        }

        @Test
        void assertNoFindingsFailsListingEveryFinding(RlsAudit audit) {
            Throwable failure = catchThrowable(audit::assertNoFindings);
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("\nExpecting no row-level security audit"
                    + " findings, but found 16:" + lines(audit.findings()) + "\nFix each finding, or accept one that"
                    + " is by design, with a justification: @AcceptFinding(code = \"...\", object = \"...\","
                    + " because = \"...\").");
        }

        @Test
        void assertNoFindingsOfASeverityCountsOnlyThoseAndListsTheOthers(RlsAudit audit) {
            List<Finding> errors = audit.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
            List<Finding> milder = audit.findings().stream().filter(f -> f.severity() != Severity.ERROR).toList();
            assertThat(catchThrowable(() -> audit.assertNoFindings(Severity.ERROR))).hasMessage("\nExpecting no"
                     + " row-level security audit findings of severity ERROR or graver, but found 6:" + lines(errors)
                    + "\nMilder than ERROR, not counted (10):" + lines(milder) + "\nFix each finding, or accept one"
                    + " that is by design, with a justification: @AcceptFinding(code = \"...\", object = \"...\","
                    + " because = \"...\").");
        }

        private static String lines(List<Finding> findings) {
            StringBuilder lines = new StringBuilder();
            findings.forEach(finding -> lines.append("\n  ").append(finding));
            return lines.toString();
        }
    }

    /**
     * Only RESTRICTIVE policies for the tenant role: they narrow what a permissive policy grants, and none does (the
     * worker's permissive policy is for app_worker).
     */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "restrictive-only"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhenEveryTenantPolicyIsRestrictive {

        @Test
        void noPolicyNamesTheRestrictiveOnes(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object).containsExactly(
                    tuple(RlsAudit.NO_POLICY, "public.invoices"), tuple(RlsAudit.NO_POLICY, "public.payments"),
                    tuple(RlsAudit.POLICY_PER_ROW_CALL, "public.invoices"),
                    tuple(RlsAudit.POLICY_PER_ROW_CALL, "public.payments"));
            assertThat(audit.findings().get(0)).isEqualTo(new Finding(RlsAudit.NO_POLICY, "public.invoices",
                    "public.invoices has row-level security enabled, and only RESTRICTIVE policies apply to app_user,"
                    + " the tenant role (tenant_isolation): restrictive policies only narrow what a permissive policy"
                    + " grants, and none does, so the scopes that use app_user read no row and write none. Add a"
                    + " PERMISSIVE policy with the tenant condition (CREATE POLICY ... AS PERMISSIVE ... USING (...)"
                    + " WITH CHECK (...)); the restrictive ones still narrow it.", Severity.WARNING));
        }
    }

    /** The tenant scope uses a role with BYPASSRLS. */
    @Nested
    @RequiresPostgres(version = 15, reason = "the audit fixture has views with security_invoker")
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.AUDIT}, seed = TestSchemas.SEED, tenantRole = "app_admin")
    class WhereTheTenantRoleBypasses {

        @Test
        void roleBypassesRls(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.ROLE_BYPASSES_RLS)).isEqualTo(new Finding(RlsAudit.ROLE_BYPASSES_RLS,
                    "app_admin", "app_admin, the tenant role, is a role with BYPASSRLS: no policy applies to it, so the"
                    + " scopes that use it read every tenant's rows. Let the application connect as a role without it"
                    + " (ALTER ROLE app_admin NOBYPASSRLS).", Severity.ERROR));
            assertThat(audit.findings()).extracting(Finding::code).doesNotContain(RlsAudit.RLS_NOT_FORCED);
        }
    }

    /** No tenant role: the tenant scope runs as the user the kit logged in as, a superuser. */
    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED)
    class WithoutATenantRole {

        @Test
        void theKitsUserBypassesRls(RlsAudit audit) {
            assertThat(audit.findings()).containsExactly(new Finding(RlsAudit.ROLE_BYPASSES_RLS, "postgres",
                    "postgres, the user the kit logged in as, since no tenant role is configured, is a superuser: no"
                            + " policy applies to it, so the scopes that use it read every tenant's rows. Configure the"
                            + " role the application connects as (tenantRole).", Severity.ERROR));
        }
    }

    /**
     * With the Supabase preset: its {@code storage} tables have row-level security and no policy, as Supabase ships
     * them; that is not a finding of the project's.
     */
    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, supabase = true)
    class WithTheSupabasePreset {

        @Test
        void leavesSupabasesOwnTablesOut(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::object)
                    .noneMatch(object -> object.startsWith("auth.") || object.startsWith("storage."));
        }
    }

    /** Findings accepted with a justification stay in the list, marked, and no longer fail the assertion. */
    @Nested
    @RequiresPostgres(version = 15, reason = "the audit fixture has views with security_invoker")
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.AUDIT}, seed = TestSchemas.SEED, tenantRole = "app_user")
    @AcceptFinding(code = RlsAudit.CASCADE_BYPASSES_RLS, object = "public.invoice_lines",
            because = "a line is written with its invoice, by the same tenant")
    class WithAcceptedFindings {

        @Test
        @AcceptFinding(code = RlsAudit.NO_POLICY, object = "public.attachments", because = "read by the worker only")
        void acceptedFindingsAreMarkedNotHidden(RlsAudit audit) {
            assertThat(audit.findings()).hasSize(16).filteredOn(Finding::accepted)
                    .extracting(Finding::code, Finding::object, Finding::acceptedBecause).containsExactly(
                            tuple(RlsAudit.NO_POLICY, "public.attachments", "read by the worker only"),
                            tuple(RlsAudit.CASCADE_BYPASSES_RLS, "public.invoice_lines",
                                    "a line is written with its invoice, by the same tenant"));
            assertThat(only(audit, RlsAudit.NO_POLICY).toString()).endsWith(" (accepted: read by the worker only)");
        }

        @Test
        void acceptedFindingsAreListedInTheFailure(RlsAudit audit) {
            Finding accepted = only(audit, RlsAudit.CASCADE_BYPASSES_RLS);
            assertThat(catchThrowable(() -> audit.assertNoFindings(Severity.INFO))).hasMessageContaining(
                    "\nAccepted, with a justification (1):\n  " + accepted + "\n");
        }

        @Test
        @AcceptFinding(code = RlsAudit.RLS_DISABLED, object = "public.notes", because = "a test table")
        @AcceptFinding(code = RlsAudit.RLS_NOT_FORCED, object = "public.drafts", because = "a test table")
        @AcceptFinding(code = RlsAudit.PERMISSIVE_TRUE, object = "public.comments", because = "public comments")
        @AcceptFinding(code = RlsAudit.SECURITY_DEFINER_NO_SEARCH_PATH, object = "public.server_time()",
                because = "reads no object")
        @AcceptFinding(code = RlsAudit.VIEW_BYPASSES_RLS, object = "public.invoice_summary", because = "counts only")
        @AcceptFinding(code = RlsAudit.VIEW_BYPASSES_RLS, object = "public.payment_totals", because = "totals only")
        void assertNoFindingsPassesWhenEveryCountedFindingIsAccepted(RlsAudit audit) {
            audit.assertNoFindings(Severity.ERROR);
            assertThat(catchThrowable(() -> audit.assertNoFindings(Severity.WARNING)))
                    .hasMessageStartingWith("\nExpecting no row-level security audit findings of severity WARNING or"
                            + " graver, but found 8:");
        }

        @Test
        @AcceptFinding(code = RlsAudit.RLS_DISABLED, object = "notes", because = "a test table")
        void anAcceptanceThatMatchesNoFindingFails(RlsAudit audit) {
            assertThat(catchThrowable(() -> audit.assertNoFindings(Severity.INFO)))
                    .hasMessageContaining("\nAccepted but not found: remove the acceptance, or fix its code or object"
                            + " (1):\n  RLS_DISABLED on notes (@AcceptFinding on " + getClass().getName()
                            + ".anAcceptanceThatMatchesNoFindingFails): a test table\nFindings with those codes:"
                            + " RLS_DISABLED public.notes.");
        }
    }

    private static List<Finding> of(RlsAudit audit, String code) {
        return audit.findings().stream().filter(finding -> finding.code().equals(code)).toList();
    }

    private static Finding only(RlsAudit audit, String code) {
        List<Finding> found = audit.findings().stream().filter(finding -> finding.code().equals(code)).toList();
        assertThat(found).as("findings of code " + code).hasSize(1);
        return found.get(0);
    }
}
