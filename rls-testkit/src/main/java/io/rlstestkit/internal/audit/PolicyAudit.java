package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/** The {@link RlsAudit} a test injects: the audit's findings, with the test's acceptances applied. */
@API(status = INTERNAL)
public final class PolicyAudit implements RlsAudit {

    private final Supplier<Auditor.Report> audit;
    private final List<Acceptance> acceptances;
    private final Consumer<Auditor.Report> report;
    private final boolean writeBaseline;
    private List<Finding> findings;
    private List<String> sharedTables;

    /**
     * An audit, run when its findings are first asked for.
     *
     * @param audit         runs the audit
     * @param acceptances   the test's acceptances
     * @param report        told the findings, accepted ones marked, once they are known
     * @param writeBaseline whether {@link #assertNoNewFindings(String)} writes the baseline instead of reading it
     */
    public PolicyAudit(Supplier<Auditor.Report> audit, List<Acceptance> acceptances, Consumer<Auditor.Report> report,
                       boolean writeBaseline) {
        this.audit = audit;
        this.acceptances = List.copyOf(acceptances);
        this.report = report;
        this.writeBaseline = writeBaseline;
    }

    @Override
    public synchronized List<Finding> findings() {
        if (findings == null) {
            Auditor.Report found = audit.get();
            List<Finding> accepted = new ArrayList<>();
            for (Finding finding : found.findings()) {
                accepted.add(acceptances.stream().filter(acceptance -> acceptance.matches(finding)).findFirst()
                        .map(acceptance -> finding.acceptedBecause(acceptance.justification())).orElse(finding));
            }
            findings = List.copyOf(accepted);
            sharedTables = found.sharedTables();
            report.accept(new Auditor.Report(findings, sharedTables));
        }
        return findings;
    }

    @Override
    public synchronized List<String> sharedTables() {
        findings();
        return sharedTables;
    }

    @Override
    public void assertNoNewFindings(String baselineFile) {
        Baseline baseline = new Baseline(Path.of(baselineFile));
        List<Finding> open = findings().stream().filter(finding -> !finding.accepted()).toList();
        if (writeBaseline) {
            baseline.write(open);
            return;
        }
        if (!baseline.exists()) {
            throw new AssertionError("\nExpecting the audit baseline " + baselineFile + " (from "
                    + Path.of("").toAbsolutePath() + "), but there is no such file. Write it with the findings known"
                    + " today: run the tests once with -D" + Baseline.WRITE_KEY + "=true, review the file and commit"
                    + " it.");
        }
        List<String> gone = new ArrayList<>();
        List<Finding> fresh = baseline.newFindings(open, gone);
        if (fresh.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("\nExpecting no row-level security audit findings beyond those in ")
                .append(baselineFile).append(", but found ").append(fresh.size()).append(" new:").append(lines(fresh));
        if (!gone.isEmpty()) {
            message.append("\nIn the baseline but no longer found, fixed since (").append(gone.size()).append("):")
                    .append(gone.stream().map(line -> "\n  " + line).collect(Collectors.joining()));
        }
        message.append("\nFix each new finding, or accept one that is by design, with a justification:"
                + " @AcceptFinding(code = \"...\", object = \"...\", because = \"...\"); to take every current"
                + " finding as known, rewrite the baseline with -D").append(Baseline.WRITE_KEY).append("=true.");
        throw new AssertionError(message.toString());
    }

    @Override
    public void assertNoFindings() {
        assertNoFindings(Severity.INFO);
    }

    @Override
    public void assertNoFindings(Severity minimum) {
        List<Finding> all = findings();
        List<Finding> failing = all.stream().filter(f -> !f.accepted() && f.severity().atLeast(minimum)).toList();
        List<Finding> milder = all.stream().filter(f -> !f.accepted() && !f.severity().atLeast(minimum)).toList();
        List<Finding> accepted = all.stream().filter(Finding::accepted).toList();
        List<Acceptance> unused = acceptances.stream()
                .filter(acceptance -> all.stream().noneMatch(acceptance::matches)).toList();
        if (failing.isEmpty() && unused.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("\n");
        if (!failing.isEmpty()) {
            message.append("Expecting no row-level security audit findings")
                    .append(minimum == Severity.INFO ? "" : " of severity " + minimum + " or graver")
                    .append(", but found ").append(failing.size()).append(":").append(lines(failing));
        } else {
            message.append("Expecting every accepted finding to occur, but ").append(unused.size())
                    .append(unused.size() == 1 ? " acceptance matches" : " acceptances match").append(" no finding.");
        }
        if (!accepted.isEmpty()) {
            message.append("\nAccepted, with a justification (").append(accepted.size()).append("):")
                    .append(lines(accepted));
        }
        if (!milder.isEmpty()) {
            message.append("\nMilder than ").append(minimum).append(", not counted (").append(milder.size()).append("):")
                    .append(lines(milder));
        }
        if (!unused.isEmpty()) {
            message.append("\nAccepted but not found: remove the acceptance, or fix its code or object (")
                    .append(unused.size()).append("):")
                    .append(unused.stream().map(acceptance -> "\n  " + acceptance).collect(Collectors.joining()));
            List<String> sameCode = all.stream().filter(f -> unused.stream().anyMatch(a -> a.code().equals(f.code())))
                    .map(f -> f.code() + " " + f.object()).distinct().toList();
            if (!sameCode.isEmpty()) {
                message.append("\nFindings with those codes: ").append(String.join(", ", sameCode)).append(".");
            }
        }
        if (!failing.isEmpty() && !sharedTables().isEmpty()) {
            message.append("\nLeft out of the isolation checks, shared by all tenants (").append(sharedTables().size())
                    .append("): ").append(String.join(", ", sharedTables())).append(".");
        }
        if (!failing.isEmpty()) {
            message.append("\nFix each finding, or accept one that is by design, with a justification:"
                    + " @AcceptFinding(code = \"...\", object = \"...\", because = \"...\").");
        }
        throw new AssertionError(message.toString());
    }

    private static String lines(List<Finding> findings) {
        return findings.stream().map(finding -> "\n  " + finding).collect(Collectors.joining());
    }

    @Override
    public String toString() {
        return "RlsAudit" + (findings == null ? " (not run yet)" : " " + findings);
    }
}
