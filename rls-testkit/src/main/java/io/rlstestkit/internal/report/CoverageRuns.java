package io.rlstestkit.internal.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runs of tests under way in this JVM (one, under Surefire or Gradle), each with the test classes of its plan
 * that use the kit. When the last of those classes ends, the run's coverage is final: if it falls below the
 * minimum, that class's {@code afterAll} fails, which fails the build. A listener of the test run cannot fail it
 * by itself; a failing class can.
 */
public final class CoverageRuns {

    private static final CoverageRuns INSTANCE = new CoverageRuns();

    private final List<Run> active = new ArrayList<>();

    private CoverageRuns() {
    }

    /** The JVM's runs. */
    public static CoverageRuns instance() {
        return INSTANCE;
    }

    /**
     * Starts a run.
     *
     * @param kitClasses the unique ids of the test classes in its plan that use the kit
     * @param minimum    the minimum coverage in percent, or {@code null}
     * @param minimumKey the key that set the minimum, for messages
     * @param problem    what is wrong with the configured minimum, or {@code null}: the first class to end fails
     * @param report     where the Markdown report will be, for messages
     */
    public synchronized Run start(Set<String> kitClasses, Double minimum, String minimumKey, String problem,
                                  String report) {
        Run run = new Run(new LinkedHashSet<>(kitClasses), minimum, minimumKey, problem, report,
                CoverageLog.instance().mark());
        active.add(run);
        return run;
    }

    /** Ends a run. */
    public synchronized void finish(Run run) {
        active.remove(run);
    }

    /**
     * Records that a test class that uses the kit ended (its {@code afterAll}).
     *
     * @param uniqueId the class's unique id in the test plan
     * @return the failure to report where this class is the last of a run's and its coverage is below the minimum
     */
    public synchronized Optional<String> classEnded(String uniqueId) {
        Optional<String> failure = Optional.empty();
        for (Run run : active) {
            if (run.problem != null && run.pending.contains(uniqueId) && !run.enforced) {
                run.enforced = true;
                failure = Optional.of(run.problem);
            }
            if (run.pending.remove(uniqueId) && run.pending.isEmpty() && run.minimum != null && !run.enforced) {
                run.enforced = true;
                Coverage coverage = run.coverage();
                if (coverage.belowMinimum(run.minimum)) {
                    failure = Optional.of(coverage.failure(run.minimum, run.minimumKey, run.report));
                }
            }
        }
        return failure;
    }

    /** Records that a container ended or was skipped without the kit hearing of it: it no longer counts as pending. */
    public synchronized void containerEnded(Run run, String uniqueId) {
        run.pending.remove(uniqueId);
    }

    /** A run of tests: its plan's classes that use the kit and have not ended, its minimum, where its logs began. */
    public static final class Run {
        private final Set<String> pending;
        private final Double minimum;
        private final String minimumKey;
        private final String problem;
        private final String report;
        private final CoverageLog.Mark mark;
        private boolean enforced;

        private Run(Set<String> pending, Double minimum, String minimumKey, String problem, String report,
                    CoverageLog.Mark mark) {
            this.pending = pending;
            this.minimum = minimum;
            this.minimumKey = minimumKey;
            this.problem = problem;
            this.report = report;
            this.mark = mark;
        }

        /** The coverage of what was recorded since the run started. */
        public Coverage coverage() {
            return Coverage.of(CoverageLog.instance().since(mark));
        }

        /** The minimum in percent, or {@code null}. */
        public Double minimum() {
            return minimum;
        }

        /** Whether the minimum was checked when the last class that uses the kit ended. */
        public boolean enforced() {
            synchronized (INSTANCE) {
                return enforced;
            }
        }
    }
}
