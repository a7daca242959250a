package io.rlstestkit.assertion;

import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/**
 * Outcomes judged by where they came from, on a real server: the table whose policy refused a row, the server
 * routine that raised an error (a PL/pgSQL RAISE is the application's code, whatever it says), a recursive rule that
 * is not a recursive policy, and the hint of a session with {@code row_security = off}.
 */
@RlsTest(migrations = {TestSchemas.SOUND, "classpath:fixtures/outcomes", TestSchemas.LEAKS + "recursive-policy"},
        seed = TestSchemas.SEED, tenantRole = "app_user")
class OutcomeOriginTest {

    private static final String AUDITED = "insert into audited(tenant_id) values (?)";
    private static final String GUARDED = "insert into guarded(tenant_id, note) values (?, ?)";

    @Test
    void aTriggersWriteRefusedByAnotherTablesPolicyIsNotTheStatementsViolation(@AsTenant("b") RlsSession b,
                                                                              Tenants tenants) {
        assertThat(b).execute(AUDITED, tenants.get("b")).violatesPolicyOn("audit_log");
        assertThat(b).execute(AUDITED, tenants.get("b")).violatesPolicyOn("public.audit_log");
        assertThatThrownBy(() -> assertThat(b).execute(AUDITED, tenants.get("b")).violatesPolicy()).hasMessage("""
                [%s]\s
                Expecting statement:
                  <%s> with [%s (b's id)]
                to violate a row-level security policy of audited
                but the row-level security policy of audit_log refused a row that code the statement ran wrote \
                (SQL statement "INSERT INTO audit_log (tenant_id, what) VALUES (NEW.tenant_id, 'inserted ' || \
                NEW.id)"; PL/pgSQL function audit() line 3 at SQL statement): <42501 new row violates row-level \
                security policy for table "audit_log">
                The statement's own table did not refuse it. If the refusal of audit_log is what the test means, \
                assert violatesPolicyOn("audit_log"); if not, give audit_log a policy that lets that write \
                through.""".formatted(TestSchemas.B_SCOPE, AUDITED, TestSchemas.B_ID));
    }

    @Test
    void theStatementsOwnTableIsNotAnotherTable(@AsTenant("b") RlsSession b, Tenants tenants) {
        String insert = "insert into invoices(tenant_id, number, amount) values (?, 'x-1', 10)";
        assertThat(b).execute(insert, tenants.get("a")).violatesPolicy();
        assertThat(b).execute(insert, tenants.get("a")).violatesPolicyOn("invoices");
        assertThatThrownBy(() -> assertThat(b).execute(insert, tenants.get("a")).violatesPolicyOn("audit_log"))
                .hasMessage("""
                        [%s]\s
                        Expecting statement:
                          <%s> with [%s (a's id)]
                        to violate a row-level security policy of audit_log
                        but the policy of invoices refused it: <42501 new row violates row-level security policy \
                        for table "invoices">""".formatted(TestSchemas.B_SCOPE, insert, TestSchemas.A_ID));
    }

    @Test
    void anErrorTheApplicationRaisedInTheServersWordsIsNotAPolicy(@AsTenant("b") RlsSession b, Tenants tenants) {
        assertThatThrownBy(() -> assertThat(b).execute(GUARDED, tenants.get("b"), "mimic").violatesPolicy())
                .hasMessage("""
                        [%s]\s
                        Expecting statement:
                          <%s> with [%s (b's id), mimic]
                        to violate a row-level security policy
                        but it was refused by an error raised by the application's code: <42501 new row violates \
                        row-level security policy for table "guarded">
                        The error was raised by the application's code (a RAISE: PL/pgSQL function guard() line 4 at \
                        RAISE), not by PostgreSQL's row-level security or privilege checks: no policy decided \
                        this.""".formatted(TestSchemas.B_SCOPE, GUARDED, TestSchemas.B_ID));
    }

    @Test
    void anErrorTheApplicationRaisedInItsOwnWordsIsNotAMissingPrivilege(@AsTenant("b") RlsSession b,
                                                                         Tenants tenants) {
        assertThatThrownBy(() -> assertThat(b).execute(GUARDED, tenants.get("b"), "x").isPermissionDenied())
                .hasMessage("""
                        [%s]\s
                        Expecting statement:
                          <%s> with [%s (b's id), x]
                        to be refused for lack of a privilege (permission denied)
                        but it was refused by an error raised by the application's code: <42501 permission denied \
                        for table guarded>
                        The error was raised by the application's code (a RAISE: PL/pgSQL function guard() line 6 at \
                        RAISE), not by PostgreSQL's row-level security or privilege checks: no policy decided \
                        this.""".formatted(TestSchemas.B_SCOPE, GUARDED, TestSchemas.B_ID));
    }

    @Test
    void aRecursiveRuleIsNotARecursivePolicy(@AsTenant("b") RlsSession b) {
        assertThat(b).execute("select * from team_members").hitsPolicyRecursion();
        assertThatThrownBy(() -> assertThat(b).execute("insert into ping values (1)").hitsPolicyRecursion())
                .hasMessage("""
                        [%s]\s
                        Expecting statement:
                          <insert into ping values (1)>
                        to hit a recursive policy (42P17)
                        but it failed: <42P17 infinite recursion detected in rules for relation \
                        "ping">""".formatted(TestSchemas.B_SCOPE));
    }

    @Test
    void aSessionWithRowSecurityOffKeepsTheServersHintAndIsNotAdvisedAGrant(@AsTenant("b") RlsSession b) {
        assertThat(b).execute("set role ledger_owner").succeeds();
        assertThat(b).execute("set row_security = off").succeeds();
        assertThatThrownBy(() -> assertThat(b).execute("select * from ledger").succeeds()).hasMessage("""
                [%s]\s
                Expecting statement:
                  <select * from ledger>
                to succeed
                but it was refused for lack of a privilege: <42501 query would be affected by row-level security \
                policy for table "ledger"> (hint: To disable the policy for the table's owner, use ALTER TABLE NO \
                FORCE ROW LEVEL SECURITY.)
                The session runs with row_security = off, and a policy applies to the table: PostgreSQL refuses the \
                query rather than skip the policy. No grant is missing: remove the SET row_security = off (or set it \
                on) for this role, or follow the server's hint.""".formatted(TestSchemas.B_SCOPE));
    }

    @Test
    void aMissingSequencePrivilegeIsAdvisedAsTheServerNamesIt(@AsTenant("b") RlsSession b, Tenants tenants) {
        String insert = "insert into counters(tenant_id) values (?)";
        assertThatThrownBy(() -> assertThat(b).execute(insert, tenants.get("b")).succeeds()).hasMessage("""
                [%s]\s
                Expecting statement:
                  <%s> with [%s (b's id)]
                to succeed
                but it was refused for lack of a privilege: <42501 permission denied for sequence counters_id_seq>
                A privilege is missing, so no policy was consulted: grant the role USAGE on the sequence (GRANT USAGE \
                ON SEQUENCE counters_id_seq TO ...; a serial or identity column draws its default from it) and let a \
                policy decide, or assert isPermissionDenied().""".formatted(TestSchemas.B_SCOPE, insert,
                TestSchemas.B_ID));
    }
}
