package io.rlstestkit.internal.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary a test class prints when it ends: what that run of it proved. */
class ProofLogTest {

    private static final String SOURCE = ProofLogTest.class.getName() + ".Fixture";

    @Test
    void aClassRunAgainReportsOnlyTheChecksOfThatRun() {
        // GIVEN a first run whose check held, summarised
        ProofLog log = ProofLog.instance();
        log.record(proof("classpath:db/migration", true));
        String first = summary(log);
        // WHEN the class runs again, against other migrations, and its check fails
        log.record(proof("classpath:db/migration,classpath:db/broken/x", false));
        String second = summary(log);
        // THEN
        assertThat(first).isEqualTo(String.format("rls-testkit: %s proved 1 check on 1 table:%n"
                + "  [x] tenant b cannot SELECT rows of tenant a in public.invoices%n", SOURCE));
        assertThat(second).isEqualTo(String.format("rls-testkit: %s proved nothing (1 check failed)%n", SOURCE));
        assertThat(summary(log)).isEmpty();
    }

    @Test
    void printsTheDenyMatrixsCrossTenantProbesAsSentencesOfTheirOwn() {
        // GIVEN
        ProofLog log = ProofLog.instance();
        for (String[] probe : new String[][] {{"INSERT", Proof.ATTACH}, {"UPDATE", Proof.MOVE},
                {"TRUNCATE", Proof.TRUNCATE}, {"SELECT", Proof.LIFT}}) {
            log.record(new Proof(SOURCE, "classpath:db/migration", "public.invoices", "tenant b", probe[0], probe[1],
                    "tenant a", true));
        }
        // WHEN
        String summary = summary(log);
        // THEN
        assertThat(summary).isEqualTo(String.format("rls-testkit: %s proved 4 checks on 1 table:%n"
                + "  [x] tenant b cannot TRUNCATE public.invoices%n"
                + "  [x] tenant b cannot attach rows to tenant a's parents in public.invoices%n"
                + "  [x] tenant b cannot lift isolation by a setting to see tenant a's rows in public.invoices%n"
                + "  [x] tenant b cannot move its rows to tenant a in public.invoices%n", SOURCE));
    }

    private static Proof proof(String environment, boolean passed) {
        return new Proof(SOURCE, environment, "public.invoices", "tenant b", "SELECT", "cannot", "tenant a", passed);
    }

    private static String summary(ProofLog log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        log.printSummary(SOURCE, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
