package io.rlstestkit.internal.report;

import io.rlstestkit.Finding;

import java.util.ArrayList;
import java.util.List;

/**
 * What the coverage report is made of, beyond the {@link ProofLog}'s table checks: the commands the assertions on
 * statements ran, the configurations the tests used (with their tables with row-level security), and the findings
 * of the policy audits. Append-only for the JVM; a run of tests reads what was added since it started.
 */
public final class CoverageLog {

    private static final CoverageLog INSTANCE = new CoverageLog();

    private final List<Exercise> exercises = new ArrayList<>();
    private final List<EnvironmentUse> environments = new ArrayList<>();
    private final List<AuditResult> audits = new ArrayList<>();

    private CoverageLog() {
    }

    /** The JVM's log. */
    public static CoverageLog instance() {
        return INSTANCE;
    }

    /** Records a command an assertion ran. */
    public synchronized void exercised(Exercise exercise) {
        exercises.add(exercise);
    }

    /** Records that a test class used a configuration, whose tables with row-level security these are. */
    public synchronized void environmentUsed(String environment, List<String> rlsTables) {
        environments.add(new EnvironmentUse(environment, List.copyOf(rlsTables)));
    }

    /** Records the findings of a policy audit. */
    public synchronized void audited(String environment, String source, List<Finding> findings) {
        audits.add(new AuditResult(environment, source, List.copyOf(findings)));
    }

    /** Where the log and the {@link ProofLog} stand now. */
    public synchronized Mark mark() {
        return new Mark(exercises.size(), environments.size(), audits.size(), ProofLog.instance().proofs().size());
    }

    /** What was recorded since a mark, table checks included. */
    public synchronized Records since(Mark mark) {
        List<Proof> proofs = ProofLog.instance().proofs();
        List<Exercise> all = new ArrayList<>();
        proofs.subList(Math.min(mark.proofs(), proofs.size()), proofs.size()).forEach(proof -> all.add(Exercise.of(proof)));
        all.addAll(exercises.subList(mark.exercises(), exercises.size()));
        return new Records(List.copyOf(environments.subList(mark.environments(), environments.size())), all,
                List.copyOf(audits.subList(mark.audits(), audits.size())));
    }

    /** A position in the logs. */
    public record Mark(int exercises, int environments, int audits, int proofs) {
    }

    /** A configuration a test class used. */
    public record EnvironmentUse(String environment, List<String> rlsTables) {
    }

    /** The findings of one audit. */
    public record AuditResult(String environment, String source, List<Finding> findings) {
    }

    /** What a run recorded. */
    public record Records(List<EnvironmentUse> environments, List<Exercise> exercises, List<AuditResult> audits) {
    }
}
