package io.rlstestkit.cli;

import java.util.List;

/**
 * What a check found, in the command's own terms (no type of the kit): the audit's findings, the probes of the deny
 * matrix and of the round trip, and how the reports judge them.
 *
 * @param source       what was checked: the migrations folder, as the user named it
 * @param findings     the audit's findings, accepted ones included
 * @param probes       every probe that ran, passed or failed
 * @param roundTripRan whether the migrations had undo scripts, so that the round trip ran
 * @param failOn       the mildest severity of a finding that fails the check
 * @param nothingToUndo where the tool has no down scripts, the kit's sentence that says so (the round trip applied
 *                      the migrations one by one and undid none: not a pass); else null
 */
public record CheckResult(String source, List<Finding> findings, List<Probe> probes, boolean roundTripRan,
                          Severity failOn, String nothingToUndo) {

    /** Exit code: every probe held and no finding at or above {@code --fail-on}. */
    public static final int PROVED = 0;
    /** Exit code: a probe failed (a leak, a table not covered, a round trip that differs) or a finding counts. */
    public static final int FAILED = 1;
    /** Exit code: the configuration or the migrations are wrong; the message says what to do. */
    public static final int CONFIGURATION_ERROR = 2;

    /** How much a finding matters, from worst to mildest, as the kit's audit grades it. */
    public enum Severity {
        ERROR, WARNING, INFO;

        boolean atLeast(Severity other) {
            return ordinal() <= other.ordinal();
        }

        static Severity parse(String text, String what) {
            for (Severity severity : values()) {
                if (severity.name().equalsIgnoreCase(text)) {
                    return severity;
                }
            }
            throw new UserError("Expecting " + what + " to be error, warning or info, but was '" + text + "'.");
        }
    }

    /** One finding of the audit. {@code acceptedBecause} is null unless the configuration accepts it. */
    public record Finding(String code, String object, Severity severity, String message, String acceptedBecause) {
        public boolean accepted() {
            return acceptedBecause != null;
        }
    }

    /** Where a probe comes from. */
    public enum Kind {
        DENY_MATRIX, ROUND_TRIP
    }

    /** One probe: a test of the deny matrix ({@code invoices: b cannot SELECT rows of a}) or the round trip. */
    public record Probe(Kind kind, String table, String name, boolean passed, String message) {
    }

    /** Whether a finding fails the check: not accepted, and at least as grave as {@code failOn}. */
    public boolean counts(Finding finding) {
        return !finding.accepted() && finding.severity().atLeast(failOn);
    }

    public List<Finding> countedFindings() {
        return findings.stream().filter(this::counts).toList();
    }

    public List<Probe> failedProbes() {
        return probes.stream().filter(probe -> !probe.passed()).toList();
    }

    /** The tables the deny matrix covered, in the order it ran them. */
    public List<String> tables() {
        return probes.stream().filter(probe -> probe.kind() == Kind.DENY_MATRIX).map(Probe::table).distinct()
                .toList();
    }

    public boolean proved() {
        return countedFindings().isEmpty() && failedProbes().isEmpty();
    }

    public int exitCode() {
        return proved() ? PROVED : FAILED;
    }
}
