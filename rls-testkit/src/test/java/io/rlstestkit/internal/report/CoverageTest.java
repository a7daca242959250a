package io.rlstestkit.internal.report;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.rlstestkit.RlsAssertions.assertThat;

/** The coverage of what a run recorded, and how the report renders it: Markdown, JSON, one line, a failure. */
class CoverageTest {

    private static final String SOUND = "classpath:db/migration";

    private static final CoverageLog.Records RECORDS = new CoverageLog.Records(
            List.of(new CoverageLog.EnvironmentUse(SOUND, List.of("public.invoices", "public.payments",
                    "public.audit_logs")), new CoverageLog.EnvironmentUse(SOUND, List.of("public.invoices"))),
            List.of(new Exercise(SOUND, "public.invoices", "tenant b", "SELECT", "InvoicesTest"),
                    new Exercise(SOUND, "public.invoices", "tenant a", "SELECT", "InvoicesTest"),
                    new Exercise(SOUND, "public.invoices", "tenant b", "UPDATE", "InvoicesTest"),
                    new Exercise(SOUND, "public.invoices", "owner", "DELETE", "InvoicesTest"),
                    new Exercise(SOUND, "public.payments", "worker", "INSERT", "InvoicesTest"),
                    new Exercise(SOUND, "public.tenants", "tenant b", "SELECT", "InvoicesTest"),
                    new Exercise("elsewhere", "public.payments", "tenant b", "DELETE", "OtherTest")),
            List.of(new CoverageLog.AuditResult(SOUND, "PoliciesTest", List.of(
                    new Finding(RlsAudit.NO_POLICY, "public.audit_logs", "no policy", Severity.WARNING)
                            .acceptedBecause("written by the worker | only"),
                    new Finding(RlsAudit.RLS_DISABLED, "public.notes", "off", Severity.ERROR)))));

    private final Coverage coverage = Coverage.of(RECORDS);

    @Test
    void countsThePairsAnyScopeButTheOwnerExercisedOnTablesWithRls() {
        assertThat(coverage.pairs()).isEqualTo(12);
        assertThat(coverage.exercised()).isEqualTo(3);
        assertThat(coverage.tables()).isEqualTo(3);
        assertThat(coverage.percent()).isEqualTo(25.0);
        assertThat(coverage.untouched()).containsExactly("public.audit_logs");
        assertThat(coverage.missing()).containsExactly("public.audit_logs SELECT", "public.audit_logs INSERT",
                "public.audit_logs UPDATE", "public.audit_logs DELETE", "public.invoices INSERT",
                "public.invoices DELETE", "public.payments SELECT", "public.payments UPDATE", "public.payments DELETE");
    }

    @Test
    void theUntouchedListAddsUpToThePairsTheCountLeavesOut() {
        // 3 of 12 exercised: the 9 others are the untouched table's 4 commands and 5 commands of touched tables.
        assertThat(coverage.unexercised()).containsExactly("public.audit_logs (4 commands)", "public.invoices INSERT",
                "public.invoices DELETE", "public.payments SELECT", "public.payments UPDATE",
                "public.payments DELETE");
    }

    @Test
    void summarizesInOneLine() {
        assertThat(coverage.summary("target/rls-testkit/coverage.md", null)).isEqualTo("rls-testkit coverage: 3 of 12"
                + " (table, command) pairs exercised across 3 tables with RLS; untouched: public.audit_logs (4 commands),"
                + " public.invoices INSERT, public.invoices DELETE, public.payments SELECT, public.payments UPDATE and 1"
                + " more (see"
                + " target/rls-testkit/coverage.md)");
        assertThat(coverage.summary("target/rls-testkit/coverage.md", 20.0)).isEqualTo("rls-testkit coverage: 3 of 12"
                + " (table, command) pairs exercised across 3 tables with RLS; untouched: public.audit_logs (4 commands),"
                + " public.invoices INSERT, public.invoices DELETE, public.payments SELECT, public.payments UPDATE and 1"
                + " more; minimum"
                + " 20 % met (see target/rls-testkit/coverage.md)");
        assertThat(coverage.summary("target/rls-testkit/coverage.md", 90.0)).isEqualTo("rls-testkit coverage: 3 of 12"
                + " (table, command) pairs exercised across 3 tables with RLS; untouched: public.audit_logs (4 commands),"
                + " public.invoices INSERT, public.invoices DELETE, public.payments SELECT, public.payments UPDATE and 1"
                + " more; BELOW the"
                + " minimum of 90 % (see target/rls-testkit/coverage.md)");
    }

    @Test
    void saysWhyItFailsAMinimum() {
        assertThat(coverage.belowMinimum(25.0)).isFalse();
        assertThat(coverage.belowMinimum(25.1)).isTrue();
        assertThat(coverage.failure(90, "rlstestkit.coverage.minimum", "target/rls-testkit/coverage.md")).isEqualTo("""

                Expecting rls-testkit coverage of at least 90 % (rlstestkit.coverage.minimum), but the run exercised \
                3 of 12 (table, command) pairs (25 %) across 3 tables with row-level security.
                Not exercised: public.audit_logs SELECT, public.audit_logs INSERT, public.audit_logs UPDATE, \
                public.audit_logs DELETE, public.invoices INSERT, public.invoices DELETE, public.payments SELECT, \
                public.payments UPDATE, public.payments DELETE.
                A DenyMatrix (@TestFactory) exercises every pair of the tables it covers. The report is written to \
                target/rls-testkit/coverage.md when the run ends.""");
    }

    @Test
    void rendersMarkdownWithTheAuditFindingsAcceptedOrOpen() {
        assertThat(coverage.markdown(90.0)).isEqualTo("""
                # rls-testkit coverage

                3 of 12 (table, command) pairs of the tables with row-level security were exercised by an assertion \
                (25 %), against a minimum of 90 %.

                Tables with row-level security that no assertion touched: public.audit_logs.

                A cell lists the scopes that ran the command on the table, through any assertion: the deny checks, \
                the deny matrix, and statements run with `query(...)` and `execute(...)`. The owner, which bypasses \
                row-level security, does not count.

                ## classpath:db/migration

                | table | SELECT | INSERT | UPDATE | DELETE |
                |---|---|---|---|---|
                | public.audit_logs | - | - | - | - |
                | public.invoices | tenant a, tenant b | - | tenant b | - |
                | public.payments | - | worker | - | - |

                ## Policy audit

                | configuration | test | severity | code | object | status |
                |---|---|---|---|---|---|
                | classpath:db/migration | PoliciesTest | WARNING | NO_POLICY | public.audit_logs | accepted: \
                written by the worker \\| only |
                | classpath:db/migration | PoliciesTest | ERROR | RLS_DISABLED | public.notes | open |
                """);
    }

    @Test
    void rendersJson() {
        assertThat(coverage.json(null)).isEqualTo("{\"exercised\":3,\"pairs\":12,\"tables\":3,\"percent\":25.0,"
                + "\"minimum\":null,\"untouched\":[\"public.audit_logs\"],\"excluded\":[],"
                + "\"configurations\":[{\"configuration\":\"classpath:db/migration\",\"tables\":["
                + "{\"table\":\"public.audit_logs\",\"commands\":{\"SELECT\":[],\"INSERT\":[],\"UPDATE\":[],\"DELETE\":[]}},"
                + "{\"table\":\"public.invoices\",\"commands\":{\"SELECT\":[\"tenant a\",\"tenant b\"],\"INSERT\":[],"
                + "\"UPDATE\":[\"tenant b\"],\"DELETE\":[]}},"
                + "{\"table\":\"public.payments\",\"commands\":{\"SELECT\":[],\"INSERT\":[\"worker\"],\"UPDATE\":[],"
                + "\"DELETE\":[]}}]}],"
                + "\"findings\":[{\"configuration\":\"classpath:db/migration\",\"test\":\"PoliciesTest\","
                + "\"severity\":\"WARNING\",\"code\":\"NO_POLICY\",\"object\":\"public.audit_logs\",\"message\":"
                + "\"no policy\",\"accepted\":true,\"justification\":\"written by the worker | only\"},"
                + "{\"configuration\":\"classpath:db/migration\",\"test\":\"PoliciesTest\",\"severity\":\"ERROR\","
                + "\"code\":\"RLS_DISABLED\",\"object\":\"public.notes\",\"message\":\"off\",\"accepted\":false,"
                + "\"justification\":null}]}\n");
    }

    @Test
    void leavesOutTheTablesTheConfigurationExcludes() {
        Coverage excluding = Coverage.of(RECORDS, Set.of("audit_logs", "public.payments", "public.tenants"));
        assertThat(excluding.pairs()).isEqualTo(4);
        assertThat(excluding.exercised()).isEqualTo(2);
        assertThat(excluding.untouched()).isEmpty();
        assertThat(excluding.markdown(null)).contains("\nLeft out by configuration (rlstestkit.coverage.exclude):"
                + " public.audit_logs, public.payments.\n");
        assertThat(excluding.json(null)).contains("\"untouched\":[],\"excluded\":[\"public.audit_logs\","
                + "\"public.payments\"]");
    }

    @Test
    void namesTheConfigurationOfAnUntouchedTableWhereTheRunUsedSeveral() {
        Coverage two = Coverage.of(new CoverageLog.Records(List.of(
                new CoverageLog.EnvironmentUse("one", List.of("public.a")),
                new CoverageLog.EnvironmentUse("two", List.of("public.a", "public.b"))), List.of(
                new Exercise("two", "public.a", "tenant a", "SELECT", "T")), List.of()));
        assertThat(two.summary("r.md", null)).isEqualTo("rls-testkit coverage: 1 of 12 (table, command) pairs"
                + " exercised across 3 tables with RLS in 2 configurations; untouched: public.a (one, 4 commands),"
                + " public.a INSERT (two), public.a UPDATE (two), public.a DELETE (two), public.b (two, 4 commands)"
                + " (see r.md)");
    }
}
