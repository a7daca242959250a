package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a result's findings and probes make the exit code, whatever the kit found (CheckCommandTest runs it). */
class CheckResultTest {

    private static final CheckResult.Finding WARNING = new CheckResult.Finding("POLICY_COLUMN_NOT_INDEXED",
            "public.reviews", CheckResult.Severity.WARNING, "not indexed", null);
    private static final CheckResult.Probe HELD = new CheckResult.Probe(CheckResult.Kind.DENY_MATRIX, "reviews",
            "reviews: b cannot SELECT rows of a", true, null);

    @Test
    void aFindingFailsFromTheFailOnSeverityOnAndAProbeAlways() {
        assertThat(result(List.of(WARNING), List.of(HELD), CheckResult.Severity.ERROR).exitCode())
                .as("a warning below the default --fail-on").isEqualTo(CheckResult.PROVED);
        assertThat(result(List.of(WARNING), List.of(HELD), CheckResult.Severity.WARNING).exitCode())
                .isEqualTo(CheckResult.FAILED);
        assertThat(result(List.of(WARNING), List.of(HELD), CheckResult.Severity.INFO).countedFindings())
                .containsExactly(WARNING);
        CheckResult.Finding accepted = new CheckResult.Finding(WARNING.code(), WARNING.object(), WARNING.severity(),
                WARNING.message(), "small table");
        assertThat(result(List.of(accepted), List.of(HELD), CheckResult.Severity.INFO).exitCode())
                .isEqualTo(CheckResult.PROVED);
        CheckResult.Probe leaked = new CheckResult.Probe(CheckResult.Kind.DENY_MATRIX, "reviews", HELD.name(), false,
                "a leak");
        assertThat(result(List.of(), List.of(HELD, leaked), CheckResult.Severity.ERROR).exitCode())
                .isEqualTo(CheckResult.FAILED);
    }

    private static CheckResult result(List<CheckResult.Finding> findings, List<CheckResult.Probe> probes,
                                      CheckResult.Severity failOn) {
        return new CheckResult("db/migrations", findings, probes, false, failOn, null);
    }
}
