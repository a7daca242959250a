package io.rlstestkit.internal.report;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The runs of tests under way in this JVM (one, under Surefire or Gradle; more where a test starts a launcher of its
 * own), each with the test classes of its plan that use the kit.
 *
 * <p>A run counts what its own test classes do, and nothing that a test of it runs through JUnit's engine test kit
 * (a {@code BrokenVariant}, a fixture): when one of its classes starts, the listener marks it, and the class then
 * claims the root of its extension contexts for the run. Only sessions under a claimed root make a configuration
 * count, and only classes under a claimed root end.
 *
 * <p>When the last of its classes ends, the run's coverage is final: if it falls below the minimum, that class's
 * {@code afterAll} fails, which fails the build. A listener of the test run cannot fail it by itself; a class can.
 */
@API(status = INTERNAL)
public final class CoverageRuns {

    private static final CoverageRuns INSTANCE = new CoverageRuns();

    private final List<Run> active = new ArrayList<>();

    private CoverageRuns() {
    }

    /** A percentage from 0 to 100, {@code "90"} or {@code "90%"}; {@code null} for anything else. */
    public static Double percent(String value) {
        try {
            double percent = Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1).strip()
                    : value);
            return percent >= 0 && percent <= 100 ? percent : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
     * @param excluded   tables that do not count
     */
    public synchronized Run start(Set<String> kitClasses, Double minimum, String minimumKey, String problem,
                                  String report, Set<String> excluded) {
        CoverageLog.Mark mark = CoverageLog.instance().mark();
        return start(kitClasses, minimum, minimumKey, problem, report, excluded,
                () -> CoverageLog.instance().since(mark));
    }

    /**
     * Starts a run whose coverage, for its minimum, is more than what it records itself: in a build whose tests run
     * in several JVMs, what the build recorded so far ({@link CoverageParts.Part#build()}).
     *
     * @param records what the run's coverage is made of, read when the minimum is checked
     */
    public synchronized Run start(Set<String> kitClasses, Double minimum, String minimumKey, String problem,
                                  String report, Set<String> excluded, Supplier<CoverageLog.Records> records) {
        Run run = new Run(new LinkedHashSet<>(kitClasses), minimum, minimumKey, problem, report, Set.copyOf(excluded),
                records);
        active.add(run);
        return run;
    }

    /** Ends a run. */
    public synchronized void finish(Run run) {
        active.remove(run);
    }

    /** The listener saw a container of the run start: if it is a class that uses the kit, it may claim its root. */
    public synchronized void containerStarting(Run run, String uniqueId) {
        if (run.pending.contains(uniqueId)) {
            run.starting.add(uniqueId);
        }
    }

    /**
     * A test class that uses the kit starts (its {@code beforeAll}): where its run's listener saw it start, the root
     * of its extension contexts is the run's.
     *
     * @param uniqueId the class's unique id
     * @param root     the root of its extension contexts
     */
    public synchronized void classStarting(String uniqueId, Object root) {
        for (Run run : active) {
            if (run.starting.remove(uniqueId)) {
                run.roots.add(root);
            }
        }
    }

    /** Whether what happens under a root of extension contexts counts for a run's coverage. */
    public synchronized boolean counts(Object root) {
        return active.stream().anyMatch(run -> run.roots.contains(root));
    }

    /**
     * Records that a test class that uses the kit ended (its {@code afterAll}).
     *
     * @param uniqueId the class's unique id in the test plan
     * @param root     the root of its extension contexts
     * @return the failure to report where this class is the last of a run's and its coverage is below the minimum
     */
    public synchronized Optional<String> classEnded(String uniqueId, Object root) {
        Optional<String> failure = Optional.empty();
        for (Run run : active) {
            if (!run.roots.contains(root)) {
                continue;
            }
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
        run.starting.remove(uniqueId);
    }

    /** A run of tests: its plan's classes that use the kit and have not ended, its minimum, where its logs began. */
    public static final class Run {
        private final Set<String> pending;
        private final Set<String> starting = new LinkedHashSet<>();
        private final Set<Object> roots = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Double minimum;
        private final String minimumKey;
        private final String problem;
        private final String report;
        private final Set<String> excluded;
        private final Supplier<CoverageLog.Records> records;
        private boolean enforced;

        private Run(Set<String> pending, Double minimum, String minimumKey, String problem, String report,
                    Set<String> excluded, Supplier<CoverageLog.Records> records) {
            this.pending = pending;
            this.minimum = minimum;
            this.minimumKey = minimumKey;
            this.problem = problem;
            this.report = report;
            this.excluded = excluded;
            this.records = records;
        }

        /** The coverage of what was recorded since the run started (in a build of several JVMs: the build's). */
        public Coverage coverage() {
            return Coverage.of(records.get(), excluded);
        }

        /** The tables that do not count. */
        public Set<String> excluded() {
            return excluded;
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
