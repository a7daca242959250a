package io.rlstestkit.internal.report;

import io.rlstestkit.Finding;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What the coverage report is made of: the commands the assertions ran (the table checks of the {@link ProofLog},
 * and the statements of {@code query(...)} and {@code execute(...)}), the configurations the tests opened sessions
 * in (with their tables with row-level security), and the findings of the policy audits. Append-only for the JVM;
 * a run of tests reads what was added since it started.
 */
@API(status = INTERNAL)
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

    /** Where the log stands now. */
    public synchronized Mark mark() {
        return new Mark(exercises.size(), environments.size(), audits.size());
    }

    /** What was recorded since a mark. */
    public synchronized Records since(Mark mark) {
        return new Records(List.copyOf(environments.subList(mark.environments(), environments.size())),
                List.copyOf(exercises.subList(mark.exercises(), exercises.size())),
                List.copyOf(audits.subList(mark.audits(), audits.size())));
    }

    /** A position in the log. */
    public record Mark(int exercises, int environments, int audits) {
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
