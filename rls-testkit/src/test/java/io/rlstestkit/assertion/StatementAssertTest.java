package io.rlstestkit.assertion;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenants;
import io.rlstestkit.testing.RequiresPostgres;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * How statements end, classified by PostgreSQL's messages on a real server: 42501 is shared by every "violates
 * row-level security policy" variant and by "permission denied"; 42P17 is a recursive policy; 23xxx is a constraint.
 */
class StatementAssertTest {

    private static final String INSERT = "insert into invoices(tenant_id, number, amount) values (?, 'x-1', 10)";

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user")
    class OnTheSoundSchema {

        @Test
        void aRowForAnotherTenantViolatesThePolicy(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).execute(INSERT, tenants.get("a")).violatesPolicy();
            assertThatThrownBy(() -> assertThat(b).execute(INSERT, tenants.get("a")).isPermissionDenied()).hasMessage("""
                    [%s]\s
                    Expecting statement:
                      <%s> with [%s (a's id)]
                    to be refused for lack of a privilege (permission denied)
                    but it violated a row-level security policy: <42501 new row violates row-level security policy \
                    for table "invoices">
                    A row-level security policy rejected the row.""".formatted(TestSchemas.B_SCOPE, INSERT, TestSchemas.A_ID));
        }

        @Test
        void aStatementThatTouchedNoRowIsNotBlamedOnAMissingWithCheck(@AsTenant("b") RlsSession b, Tenants tenants) {
            String update = "update invoices set tenant_id = ? where tenant_id = ?";
            assertThatThrownBy(() -> assertThat(b).execute(update, tenants.get("b"), tenants.get("a")).violatesPolicy())
                    .hasMessage("""
                    [%s]\s
                    Expecting statement:
                      <%s> with [%s (b's id), %s (a's id)]
                    to violate a row-level security policy
                    but it succeeded and affected 0 rows
                    It touched no row, so no WITH CHECK was evaluated: the scope sees none of the rows the statement \
                    aims at.""".formatted(TestSchemas.B_SCOPE, update, TestSchemas.B_ID, TestSchemas.A_ID));
        }

        @Test
        void anUpsertOntoAnotherTenantsRowViolatesTheUsingExpression(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).execute("insert into invoices(tenant_id, number, amount) values (?, 'a-001', 10)"
                    + " on conflict (number) do update set note = 'taken'", tenants.get("b")).violatesPolicy();
        }

        @Test
        void aDuplicateKeyOnARowTheTenantCannotSeeIsNotAPolicyDenial(@AsTenant("b") RlsSession b, Tenants tenants) {
            String duplicate = "insert into invoices(tenant_id, number, amount) values (?, 'a-001', 10)";
            assertThat(b).execute(duplicate, tenants.get("b")).violatesConstraint();
            assertThatThrownBy(() -> assertThat(b).execute(duplicate, tenants.get("b")).violatesPolicy()).hasMessage("""
                    [%s]\s
                    Expecting statement:
                      <%s> with [%s (b's id)]
                    to violate a row-level security policy
                    but it violated a constraint: <23505 duplicate key value violates unique constraint \
                    "invoices_number_key">
                    A constraint is not a row-level security policy: the statement failed for another reason than \
                    isolation.""".formatted(TestSchemas.B_SCOPE, duplicate, TestSchemas.B_ID));
        }

        @Test
        void anErrorIsNotAnEmptyResult(@AsTenant("b") RlsSession b) {
            assertThatThrownBy(() -> assertThat(b).query("select * from invoices where id = 1 / 0").returnsNoRows())
                    .hasMessage("""
                            [%s]\s
                            Expecting query:
                              <select * from invoices where id = 1 / 0>
                            to run
                            but it failed: <22012 division by zero>
                            An error is not an empty result: a deny test must see the query run and return \
                            nothing.""".formatted(TestSchemas.B_SCOPE));
        }

        @Test
        void countsAreExact(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).execute("update invoices set note = 'seen'").affectsRows(3);
            assertThat(b).execute("update invoices set note = 'seen' where tenant_id = ?", tenants.get("a"))
                    .affectsNoRows();
            assertThatThrownBy(() -> assertThat(b).execute("update invoices set note = 'seen'").affectsNoRows())
                    .hasMessage("""
                            [%s]\s
                            Expecting statement:
                              <update invoices set note = 'seen'>
                            to affect 0 rows
                            but it succeeded and affected 3 rows""".formatted(TestSchemas.B_SCOPE));
        }

        @Test
        void aWrongCountShowsActualAndExpectedForADiff(@AsTenant("b") RlsSession b) {
            // GIVEN b sees its 3 invoices
            // WHEN a count is compared, THEN the failure carries both values, and a '%' in the SQL stays as it is
            assertThatThrownBy(() -> assertThat(b).query("select * from invoices where number like '%'").returnsRows(1))
                    .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
                        assertThat(failure.getActual().getValue()).isEqualTo(3L);
                        assertThat(failure.getExpected().getValue()).isEqualTo(1L);
                    })
                    .hasMessageStartingWith("""
                            [%s]\s
                            Expecting query:
                              <select * from invoices where number like '%%'>
                            to return 1 row
                            but it returned 3 rows:""".formatted(TestSchemas.B_SCOPE));
            assertThatThrownBy(() -> assertThat(b).execute("update invoices set note = '%'").affectsRows(2))
                    .isInstanceOfSatisfying(AssertionFailedError.class, failure -> {
                        assertThat(failure.getActual().getValue()).isEqualTo(3L);
                        assertThat(failure.getExpected().getValue()).isEqualTo(2L);
                    })
                    .hasMessage("""
                            [%s]\s
                            Expecting statement:
                              <update invoices set note = '%%'>
                            to affect 2 rows
                            but it succeeded and affected 3 rows""".formatted(TestSchemas.B_SCOPE));
        }

        @Test
        void onlyRowsOfATenantNeedsAtLeastOneRow(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).query("select * from invoices").returnsOnlyRowsOf(tenants.get("b"));
            assertThatThrownBy(() -> assertThat(b).query("select * from invoices where false")
                    .returnsOnlyRowsOf(tenants.get("b"))).hasMessageEndingWith(
                    "to return rows of tenant b only, and at least one\nbut it returned none: an empty result would"
                            + " prove nothing.");
            assertThatThrownBy(() -> assertThat(b).query("select number from invoices")
                    .returnsOnlyRowsOf(tenants.get("b"))).hasMessageContaining(
                    "but its rows have no column tenant_id to tell (columns: [number]). Select the tenant column.");
        }
    }

    /** A permissive policy lets rows in and a restrictive one keeps them to the tenant. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "restrictive-with-permissive-insert"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WithARestrictivePolicy {

        @Test
        void theViolationNamesThePolicy(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).execute(INSERT, tenants.get("a")).violatesPolicy();
            assertThatThrownBy(() -> assertThat(b).execute(INSERT, tenants.get("a")).succeeds()).hasMessageContaining(
                    "but it violated a row-level security policy: <42501 new row violates row-level security policy"
                            + " \"tenant_isolation\" for table \"invoices\">");
        }
    }

    /** Everyone reads every invoice; updates stay within the tenant. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "select-using-true"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WithAMergeOntoAVisibleRowOfAnotherTenant {

        @Test
        @RequiresPostgres(version = 15, reason = "MERGE")
        void theTargetRowViolatesThePolicy(@AsTenant("b") RlsSession b) {
            String merge = "merge into invoices t using (select 'a-001' as number) s on t.number = s.number"
                    + " when matched then update set note = 'merged'";
            assertThat(b).execute(merge).violatesPolicy();
            assertThatThrownBy(() -> assertThat(b).execute(merge).succeeds()).hasMessageContaining(
                    "but it violated a row-level security policy: <42501 target row violates row-level security"
                            + " policy (USING expression) for table \"invoices\">");
        }
    }

    /** An INSERT policy WITH CHECK (true): a tenant writes rows of another. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "insert-without-tenant-check"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WhereTheInsertPolicyChecksNothing {

        @Test
        void violatesPolicyFails(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThatThrownBy(() -> assertThat(b).execute(INSERT, tenants.get("a")).violatesPolicy()).hasMessage("""
                    [%s]\s
                    Expecting statement:
                      <%s> with [%s (a's id)]
                    to violate a row-level security policy
                    but it succeeded and affected 1 row
                    No policy stopped it: check the policy's WITH CHECK.""".formatted(TestSchemas.B_SCOPE, INSERT,
                    TestSchemas.A_ID));
        }
    }

    /** The role has no INSERT privilege: "permission denied" is not a policy. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "no-insert-grant"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WithoutThePrivilege {

        @Test
        void permissionDeniedIsNotAPolicyViolation(@AsTenant("b") RlsSession b, Tenants tenants) {
            assertThat(b).execute(INSERT, tenants.get("b")).isPermissionDenied();
            assertThatThrownBy(() -> assertThat(b).execute(INSERT, tenants.get("a")).violatesPolicy()).hasMessage("""
                    [%s]\s
                    Expecting statement:
                      <%s> with [%s (a's id)]
                    to violate a row-level security policy
                    but it was refused for lack of a privilege: <42501 permission denied for table invoices>
                    A privilege is missing, so no policy was consulted: grant the privilege on table invoices to the \
                    role and let a policy decide, or assert isPermissionDenied().""".formatted(TestSchemas.B_SCOPE, INSERT,
                    TestSchemas.A_ID));
        }
    }

    /** A policy on team_members reads team_members. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "recursive-policy"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class WithARecursivePolicy {

        @Test
        void theRecursionIsNamed(@AsTenant("b") RlsSession b) {
            assertThat(b).execute("select * from team_members").hitsPolicyRecursion();
            assertThatThrownBy(() -> assertThat(b).execute("select * from team_members").succeeds()).hasMessage("""
                    [%s]\s
                    Expecting statement:
                      <select * from team_members>
                    to succeed
                    but it hit a recursive policy: <42P17 infinite recursion detected in policy for relation \
                    "team_members">
                    A policy on the table reads the table itself; read it through a SECURITY DEFINER function \
                    instead.""".formatted(TestSchemas.B_SCOPE));
        }

        @Test
        void aPositiveControlThatHitsTheRecursionSaysSo(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner,
                                                         Tenants tenants) {
            owner.update("insert into team_members (team_id, tenant_id) values (gen_random_uuid(), ?)",
                    tenants.get("a"));
            assertThatThrownBy(() -> assertThat(b).cannotSee("team_members").rowsOf(tenants.get("a"))).hasMessage("""

                    Expecting %s not to see rows of tenant a in public.team_members,
                    but the check cannot be made: tenant a's own scope, %s, cannot read its rows: <42P17 infinite \
                    recursion detected in policy for relation "team_members">
                    A policy on public.team_members reads the table itself; read it through a SECURITY DEFINER \
                    function instead.""".formatted(TestSchemas.B_SCOPE, TestSchemas.A_SCOPE));
        }
    }
}
