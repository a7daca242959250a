package io.rlstestkit.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** Progress as the check runs, a line per table as it is proved, and the summary; colours only on a terminal. */
final class ConsoleReport implements KitRun.Progress {

    private final PrintWriter out;
    private final CommandLine.Help.Ansi ansi;

    ConsoleReport(PrintWriter out, CommandLine.Help.Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    @Override
    public void migrating(String source) {
        out.println("rls-testkit: migrating " + source + " and seeding the tenants");
        out.flush();
    }

    @Override
    public void audited(int findings) {
        out.println("Audit: " + plural(findings, "finding"));
        out.println("Deny matrix:");
        out.flush();
    }

    @Override
    public void tableProved(String table, int probes, int failed) {
        out.println(failed == 0
                ? "  " + ansi.string("@|green [x]|@") + " " + table + ": " + probes + " probes held"
                : "  " + ansi.string("@|bold,red [!]|@") + " " + table + ": " + failed + " of " + probes
                        + " probes failed");
        out.flush();
    }

    @Override
    public void noted(String text) {
        out.println("  - " + text);
        out.flush();
    }

    @Override
    public void roundTrip(boolean passed) {
        out.println("Round trip: " + (passed ? ansi.string("@|green every step reversible|@")
                : ansi.string("@|bold,red a step is not reversible|@")));
        out.flush();
    }

    void summary(CheckResult result) {
        if (!result.findings().isEmpty()) {
            out.println("Findings:");
        }
        for (CheckResult.Finding finding : result.findings()) {
            String mark = finding.accepted() ? "accepted"
                    : result.counts(finding) ? ansi.string("@|bold,red " + finding.severity() + "|@")
                    : finding.severity().toString();
            out.println("  " + mark + " " + finding.code() + " " + finding.object() + ": " + finding.message()
                    + (finding.accepted() ? " (accepted: " + finding.acceptedBecause() + ")" : ""));
        }
        for (CheckResult.Probe probe : result.failedProbes()) {
            out.println();
            out.println(ansi.string("@|bold,red FAILED|@ ") + probe.name() + ":");
            out.println(indent(probe.message()));
        }
        out.println();
        int probes = result.probes().size();
        String counts = plural(result.tables().size(), "table") + ", " + plural(probes, "probe") + " ("
                + result.failedProbes().size() + " failed), " + plural(result.findings().size(), "finding") + " ("
                + result.countedFindings().size() + " at or above " + result.failOn().name().toLowerCase(java.util.Locale.ROOT) + ")"
                + (result.roundTripRan() ? ", round trip" : result.nothingToUndo() != null
                ? ", no round trip: " + result.nothingToUndo() : ", no undo scripts: no round trip");
        out.println(result.proved() ? ansi.string("@|bold,green PROVED|@ ") + counts
                : ansi.string("@|bold,red FAILED|@ ") + counts);
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String indent(String text) {
        return text == null ? "" : "    " + text.replace("\n", "\n    ");
    }
}
