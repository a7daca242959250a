package io.rlstestkit.audit;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Severity;
import io.rlstestkit.Tenants;
import io.rlstestkit.TestSchemas;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.tuple;

/**
 * The checks that read what policies compare, on the tables that hold tenants' rows: each code raised by a table of
 * the fixture, with its exact message; the tables beside them that do it right (a global settings table, a table that
 * reaches its tenant by a foreign key) raise none; and sound schemas of three styles raise no error.
 */
class TenantAuditTest {

    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/audit-tenants"}, seed = TestSchemas.SEED,
            tenantRole = "app_user", workerRole = "app_worker")
    class WithOneHolePerTable {

        @Test
        void raisesEachCodeOnItsTableAndNothingOnTheSoundOnes(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::severity, Finding::code, Finding::object).containsExactly(
                    tuple(Severity.ERROR, RlsAudit.TRUNCATE_GRANTED, "public.bookings"),
                    tuple(Severity.ERROR, RlsAudit.TRUNCATE_GRANTED, "public.ledger"),
                    tuple(Severity.ERROR, RlsAudit.WITH_CHECK_IGNORES_TENANT, "public.team_accounts"),
                    tuple(Severity.ERROR, RlsAudit.POLICY_IGNORES_TENANT, "public.documents"),
                    tuple(Severity.ERROR, RlsAudit.POLICY_READS_UNSET_SETTING, "public.contracts"),
                    tuple(Severity.ERROR, RlsAudit.POLICY_READS_UNSET_SETTING, "public.reports"),
                    tuple(Severity.ERROR, RlsAudit.POLICY_WITHOUT_RLS, "public.activity"),
                    tuple(Severity.WARNING, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, "public.ledger_balance()"),
                    tuple(Severity.WARNING, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, "public.open_ledger()"),
                    tuple(Severity.WARNING, RlsAudit.TRUNCATE_GRANTED, "public.ledger"),
                    tuple(Severity.WARNING, RlsAudit.BYPASS_BY_SETTING, "public.messages"),
                    tuple(Severity.WARNING, RlsAudit.POLICY_IGNORES_TENANT, "public.articles"),
                    tuple(Severity.INFO, RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.articles"),
                    tuple(Severity.INFO, RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.documents"),
                    tuple(Severity.INFO, RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, "public.messages"));
        }

        @Test
        void aGlobalSettingsTableIsLeftOutAndSaidSo(RlsAudit audit) {
            assertThat(audit.findings()).noneMatch(finding -> finding.object().equals("public.site_settings"));
            assertThat(audit.sharedTables()).containsExactly(
                    "public.site_settings (no column tenant_id, and no policy compares a column with the tenant)");
        }

        @Test
        void withCheckIgnoresTenant(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.WITH_CHECK_IGNORES_TENANT).message()).isEqualTo("Policy team_accounts_created_by_anyone on"
                    + " public.team_accounts (PERMISSIVE, INSERT, to app_user) has WITH CHECK ((personal = false)): it"
                    + " constrains none of the columns that tie a row to its tenant (tenant_id): app_user may write rows"
                    + " that belong to another tenant. Check the tenant: ALTER POLICY team_accounts_created_by_anyone ON"
                    + " public.team_accounts WITH CHECK (((personal = false)) AND tenant_id ="
                    + " (select nullif(current_setting('app.current_tenant_id', true), '')::uuid)).");
        }

        @Test
        void policyIgnoresTenantForEveryCommand(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.POLICY_IGNORES_TENANT).get(0).message()).isEqualTo("Policy public_documents on public.documents"
                    + " (PERMISSIVE, ALL, to app_user) admits rows by USING (public), which constrains none of the"
                    + " columns that tie a row to its tenant (tenant_id) and reads no tenant identity: permissive"
                    + " policies are OR-ed, so app_user may read and write every tenant's rows that match it. Add the"
                    + " tenant condition: ALTER POLICY public_documents ON public.documents USING ((public) AND"
                    + " tenant_id = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid)).");
        }

        @Test
        void policyIgnoresTenantForSelect(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.POLICY_IGNORES_TENANT).get(1).message()).isEqualTo("Policy published_articles on public.articles"
                    + " (PERMISSIVE, SELECT, to app_user) admits rows by USING (published), which constrains none of"
                    + " the columns that tie a row to its tenant (tenant_id) and reads no tenant identity: permissive"
                    + " policies are OR-ed, so app_user may read every tenant's rows that match it. Where these rows"
                    + " are public by design, accept this finding with that justification; otherwise add the tenant"
                    + " condition: ALTER POLICY published_articles ON public.articles USING ((published) AND tenant_id"
                    + " = (select nullif(current_setting('app.current_tenant_id', true), '')::uuid)).");
        }

        @Test
        void truncateGranted(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(1).message()).isEqualTo("app_user, the tenant role, holds TRUNCATE on"
                    + " public.ledger, which has row-level security: TRUNCATE ignores policies, so it may empty the"
                    + " table of every tenant's rows in one statement (GRANT ALL includes it). Revoke it: REVOKE"
                    + " TRUNCATE ON public.ledger FROM app_user, PUBLIC;");
        }

        /**
         * The tenant role owns public.bookings, forced: FORCE puts the owner under the policies, but TRUNCATE ignores
         * them. Not raised on public.rooms, whose owner revoked its TRUNCATE, nor on public.guests, which a migration
         * role that no tenant scope uses owns.
         */
        @Test
        void truncateHeldAsTheTablesOwner(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(0)).isEqualTo(new Finding(RlsAudit.TRUNCATE_GRANTED,
                    "public.bookings", "TRUNCATE on public.bookings, which has row-level security, comes with its"
                    + " ownership: app_user, the tenant role, owns it. TRUNCATE ignores policies, FORCE ROW LEVEL"
                    + " SECURITY or not, so app_user may empty the table of every tenant's rows in one statement. An"
                    + " owner may revoke it from itself (REVOKE TRUNCATE ON public.bookings FROM app_user, PUBLIC;),"
                    + " but may grant it back, as it may alter or drop the table: the lasting fix is a role that no"
                    + " tenant scope uses owning the table and running the migrations (ALTER TABLE public.bookings"
                    + " OWNER TO that role;), and granting app_user what the application uses (GRANT SELECT, INSERT,"
                    + " UPDATE, DELETE ON public.bookings TO app_user;).", Severity.ERROR));
            assertThat(audit.findings()).extracting(Finding::object).doesNotContain("public.rooms", "public.guests");
        }

        @Test
        void triggerGranted(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(2).message()).isEqualTo("app_user, the tenant role, holds TRIGGER on"
                    + " public.ledger, which has row-level security: a trigger it creates on public.ledger runs on"
                    + " every tenant's writes, with their rows, and may copy them anywhere it can write. Revoke what the"
                    + " application does not use: REVOKE TRIGGER ON public.ledger FROM app_user, PUBLIC;");
        }

        @Test
        void securityDefinerReadsRlsTableWhereItChecksTheCallerOnlyForPresence(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE).get(0).message()).isEqualTo("public.ledger_balance() is"
                    + " SECURITY DEFINER and reads public.ledger, which has row-level security; it runs as"
                    + " postgres, a superuser to whom no policy applies, and app_user may execute it:"
                    + " it returns every tenant's rows unless it filters by tenant itself. Revoke EXECUTE where"
                    + " tenants must not call it (REVOKE EXECUTE ON FUNCTION public.ledger_balance() FROM PUBLIC,"
                    + " app_user), make it SECURITY INVOKER, or filter by the tenant setting inside it.");
        }

        @Test
        void securityDefinerTriggerFunctionThatATenantMayAttachToATableOfItsOwn(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE).get(1).message()).isEqualTo("public.open_ledger() is a"
                    + " SECURITY DEFINER trigger function and uses public.ledger, which has row-level security; it runs"
                    + " as postgres, a superuser to whom no policy applies, and app_user may execute it: PostgreSQL"
                    + " checks EXECUTE when a trigger is created, not when it fires, so a tenant may attach it to a"
                    + " temporary table of its own and run it past the policies, on rows it makes up (NEW). Revoke"
                    + " EXECUTE; the triggers that use it keep working: REVOKE EXECUTE ON FUNCTION public.open_ledger()"
                    + " FROM PUBLIC, app_user;");
        }

        /**
         * What the finding on a trigger function says, done: tenant a, whose role may create nothing but temporary
         * objects, runs open_ledger() on a table of its own and writes a ledger row of tenant b, past the policies.
         */
        @Test
        void aTenantRunsAnExecutableTriggerFunctionOnATemporaryTableOfItsOwn(@AsTenant("a") RlsSession a,
                                                                              @AsOwner RlsSession owner, Tenants tenants) {
            String rowsOfB = "SELECT count(*) AS rows FROM ledger WHERE tenant_id = ?";
            Object before = owner.query(rowsOfB, tenants.get("b")).get(0).get("rows");
            a.update("CREATE TEMPORARY TABLE made_up (id uuid)");
            a.update("CREATE TRIGGER made_up AFTER INSERT ON made_up FOR EACH ROW EXECUTE FUNCTION public.open_ledger()");
            a.update("INSERT INTO made_up (id) VALUES (?)", tenants.get("b"));
            assertThat(owner.query(rowsOfB, tenants.get("b"))).containsExactly(Map.of("rows", (Long) before + 1));
        }

        @Test
        void bypassBySetting(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.BYPASS_BY_SETTING).message()).isEqualTo("Policy bypass_rls on public.messages (PERMISSIVE, ALL, to"
                    + " public) admits rows by the session setting app.bypass_rls, which is not a tenant setting: any"
                    + " session may set a custom setting (SET app.bypass_rls = ...), so every role reads every tenant's"
                    + " rows once its SQL sets it, and isolation rests on the application never running a tenant's"
                    + " statement with it. Give the trusted path a role of its own: CREATE POLICY ... ON public.messages"
                    + " TO <trusted_role> USING (true); DROP POLICY bypass_rls ON public.messages; or let that role"
                    + " bypass row-level security (ALTER ROLE <trusted_role> BYPASSRLS).");
        }

        @Test
        void policyReadsAMisspeltSetting(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.POLICY_READS_UNSET_SETTING).get(1).message()).isEqualTo("Policy tenant_isolation on public.reports compares"
                    + " tenant_id with the setting app.tenant, which no scope of the test sets (they set:"
                    + " app.current_tenant_id): no session of a tenant matches it, so the policy admits none of its"
                    + " rows, or the setting comes from a path the tests never run. Read the setting the application"
                    + " sets (current_setting('app.current_tenant_id', true)), or configure the scope that sets"
                    + " app.tenant (tenantSetting(\"app.tenant\", ...)).");
        }

        @Test
        void policyReadsASettingNobodySetsThroughAFunction(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.POLICY_READS_UNSET_SETTING).get(0).message()).isEqualTo("Policy tenant_isolation on public.contracts"
                    + " compares tenant_id with the setting app.account_id, read by current_account(), which no scope"
                    + " of the test sets (they set: app.current_tenant_id): no session of a tenant matches it, so the"
                    + " policy admits none of its rows, or the setting comes from a path the tests never run. Read the"
                    + " setting the application sets (current_setting('app.current_tenant_id', true)), or configure"
                    + " the scope that sets app.account_id (tenantSetting(\"app.account_id\", ...)).");
        }

        @Test
        void policyWithoutRls(RlsAudit audit) {
            assertThat(only(audit, RlsAudit.POLICY_WITHOUT_RLS).message()).isEqualTo("public.activity has a policy (own_activity) but"
                    + " row-level security is off: PostgreSQL ignores policies until it is on, so every role with a"
                    + " grant reads and writes every row. Turn it on: ALTER TABLE public.activity ENABLE ROW LEVEL"
                    + " SECURITY; ALTER TABLE public.activity FORCE ROW LEVEL SECURITY;");
        }
    }

    /**
     * The tenant role may SET ROLE to a role with BYPASSRLS, and to the role that owns public.archived_invoices, whose
     * TRUNCATE it holds, and public.archived_payments, whose TRUNCATE the owner revoked from itself and granted to it.
     */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "member-of-bypass"}, tenantRole = "app_member")
    class WhereTheTenantRoleMayBecomeABypassingRole {

        @Test
        void roleCanBecomeBypass(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.ROLE_CAN_BECOME_BYPASS)).extracting(Finding::message).containsExactly(
                    "app_member, the tenant role, is a member of app_archivist, the owner of public.archived_invoices,"
                    + " public.archived_payments: a tenant's SQL may SET ROLE app_archivist (or uses its privileges),"
                    + " and then row-level security no longer holds it. Revoke the membership: REVOKE app_archivist FROM"
                    + " app_member;",
                    "app_member, the tenant role, is a member of app_maintenance, a role with BYPASSRLS: a tenant's SQL"
                    + " may SET ROLE app_maintenance (or uses its privileges), and then row-level security no longer"
                    + " holds it. Revoke the membership: REVOKE app_maintenance FROM app_member;");
        }

        /**
         * As a member of the role that owns public.archived_invoices, it holds the owner's TRUNCATE; on
         * public.archived_payments, whose owner revoked its own, it holds TRUNCATE by a grant of its own.
         */
        @Test
        void truncateHeldAsAMemberOfTheTablesOwner(RlsAudit audit) {
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED)).extracting(Finding::object)
                    .containsExactly("public.archived_invoices", "public.archived_payments");
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(1).message()).isEqualTo("app_member, the tenant role,"
                    + " holds TRUNCATE on public.archived_payments, which has row-level security: TRUNCATE ignores"
                    + " policies, so it may empty the table of every tenant's rows in one statement (GRANT ALL includes"
                    + " it). Revoke it: REVOKE TRUNCATE ON public.archived_payments FROM app_member, PUBLIC;");
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(0)).isEqualTo(new Finding(RlsAudit.TRUNCATE_GRANTED,
                    "public.archived_invoices", "TRUNCATE on public.archived_invoices, which has row-level security,"
                    + " comes with its ownership: app_member, the tenant role, is a member of app_archivist, which owns"
                    + " it. TRUNCATE ignores policies, FORCE ROW LEVEL SECURITY or not, so app_member may empty the"
                    + " table of every tenant's rows in one statement. Revoke the membership: REVOKE app_archivist FROM"
                    + " app_member;", Severity.ERROR));
        }
    }

    /** Sound, in the tenant-setting style: the kit's sound schema with its tenant setting. */
    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, tenantRole = "app_user", workerRole = "app_worker")
    class OnASoundSchemaWithATenantSetting {

        @Test
        void findsNothing(RlsAudit audit) {
            audit.assertNoFindings();
            assertThat(audit.sharedTables()).isEmpty();
        }
    }

    /** Sound, in Supabase's style: user_id compared with (select auth.uid()), found from the policies. */
    @Nested
    @RlsTest(migrations = "classpath:fixtures/styles/supabase", supabase = true)
    class OnASoundSchemaWithSupabaseClaims {

        @Test
        void findsNothingAndLeavesTheGlobalTableOut(RlsAudit audit) {
            audit.assertNoFindings();
            assertThat(audit.sharedTables()).containsExactly("public.feature_flags (no column tenant_id, and no policy"
                    + " compares a column with the tenant)");
        }
    }

    /** Sound, with account membership through a SECURITY DEFINER helper: no table has a tenant column. */
    @Nested
    @RlsTest(migrations = "classpath:fixtures/styles/accounts", tenantRole = "app_user")
    class OnASoundSchemaWithAccountMembership {

        @Test
        void findsNoErrorAndNoWarning(RlsAudit audit) {
            audit.assertNoFindings();
            assertThat(audit.sharedTables()).containsExactly("public.plans (no column tenant_id, and no policy"
                    + " compares a column with the tenant)");
        }
    }

    /**
     * Sound, in Supabase's style with owner as the tenant column: files are storage objects by owner; Supabase's own
     * key from storage.objects to storage.buckets, which has an owner column too, is none of the project's (a public
     * Next.js and Supabase template's storage policies raised FOREIGN_KEY_CROSSES_TENANTS on it).
     */
    @Nested
    @RlsTest(migrations = {"classpath:fixtures/styles/supabase", "classpath:fixtures/styles/supabase-owner"},
            supabase = true, tenantColumn = "owner")
    class OnASoundSupabaseSchemaWhoseTenantColumnIsOwner {

        /** The one finding is the cost of a policy on owner, which the preset's storage.objects does not index. */
        @Test
        void raisesNoForeignKeyOfSupabasesOwn(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::code, Finding::object)
                    .containsExactly(tuple(RlsAudit.POLICY_COLUMN_NOT_INDEXED, "storage.objects"));
        }
    }

    /** Supabase's default privileges left on a table: the anonymous role holds TRUNCATE and TRIGGER as well. */
    @Nested
    @RlsTest(migrations = {"classpath:fixtures/styles/supabase", "classpath:fixtures/audit-supabase-grants"},
            supabase = true)
    class WhereSupabasesDefaultPrivilegesStay {

        @Test
        void truncateGrantedNamesTheAnonymousRoleToo(RlsAudit audit) {
            assertThat(audit.findings()).extracting(Finding::severity, Finding::code, Finding::object).containsExactly(
                    tuple(Severity.ERROR, RlsAudit.TRUNCATE_GRANTED, "public.todos"),
                    tuple(Severity.WARNING, RlsAudit.TRUNCATE_GRANTED, "public.todos"));
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(0).message()).isEqualTo("anon, the role of Supabase's"
                    + " anonymous requests; authenticated, the tenant role, hold TRUNCATE on public.todos, which has"
                    + " row-level security: TRUNCATE ignores policies, so each may empty the table of every tenant's"
                    + " rows in one statement (GRANT ALL includes it). Revoke it: REVOKE TRUNCATE ON public.todos FROM"
                    + " anon, authenticated, PUBLIC;");
            assertThat(of(audit, RlsAudit.TRUNCATE_GRANTED).get(1).message()).startsWith("anon, the role of Supabase's"
                    + " anonymous requests; authenticated, the tenant role, hold TRIGGER on public.todos");
        }
    }

    private static List<Finding> of(RlsAudit audit, String code) {
        return audit.findings().stream().filter(finding -> finding.code().equals(code)).toList();
    }

    private static Finding only(RlsAudit audit, String code) {
        List<Finding> found = of(audit, code);
        assertThat(found).as("findings of code " + code).hasSize(1);
        return found.get(0);
    }
}
