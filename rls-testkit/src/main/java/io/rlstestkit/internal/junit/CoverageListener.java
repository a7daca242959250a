package io.rlstestkit.internal.junit;

import io.rlstestkit.RlsExtension;
import io.rlstestkit.internal.report.Coverage;
import io.rlstestkit.internal.report.CoverageLog;
import io.rlstestkit.internal.report.CoverageParts;
import io.rlstestkit.internal.report.CoverageRuns;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Writes the coverage report when a run of tests ends, and prints its summary line: registered with the JUnit
 * Platform's launcher through {@code META-INF/services}, so that Surefire, Gradle and IDEs pick it up without
 * configuration. The report goes to {@code target/rls-testkit/} under the working directory (the module's base
 * directory under Surefire), or where {@value RlsExtension#COVERAGE_DIRECTORY_KEY} says.
 *
 * <p>In a JVM that is one of a build's several (a Surefire fork, or a JVM of a build named with
 * {@value ForkedBuild#BUILD_KEY}), it writes the JVM's part of the report and rewrites the report from every part of
 * the build ({@link CoverageParts}); the minimum is then checked against what the build recorded so far.
 *
 * <p>It also tells {@link CoverageRuns} which classes of the plan use the kit, so that the last of them can fail when
 * the coverage falls below {@value RlsExtension#COVERAGE_MINIMUM_KEY}: a listener cannot fail a run itself.
 */
@API(status = INTERNAL)
public final class CoverageListener implements TestExecutionListener {

    private static final String DEFAULT_DIRECTORY = "target/rls-testkit";

    private CoverageRuns.Run run;
    private CoverageParts.Part part;
    private Path directory;
    private String shownDirectory;

    /** Made by the launcher. */
    public CoverageListener() {
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        ConfigurationParameters parameters = testPlan.getConfigurationParameters();
        shownDirectory = parameters.get(RlsExtension.COVERAGE_DIRECTORY_KEY).map(String::strip)
                .filter(value -> !value.isEmpty()).orElse(DEFAULT_DIRECTORY);
        directory = Path.of(shownDirectory);
        Optional<String> configured = parameters.get(RlsExtension.COVERAGE_MINIMUM_KEY).map(String::strip)
                .filter(value -> !value.isEmpty());
        Double minimum = configured.map(CoverageRuns::percent).orElse(null);
        String problem = configured.isPresent() && minimum == null ? "\nExpecting " + RlsExtension.COVERAGE_MINIMUM_KEY
                + " to be a percentage from 0 to 100 (\"90\" or \"90%\"), but it is \"" + configured.get() + "\"."
                : null;
        Set<String> kitClasses = new LinkedHashSet<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier identifier : testPlan.getDescendants(root)) {
                identifier.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                        .flatMap(CoverageListener::load).filter(KitClasses::usesKit)
                        .ifPresent(type -> kitClasses.add(identifier.getUniqueId()));
            }
        }
        Set<String> excluded = new LinkedHashSet<>();
        parameters.get(RlsExtension.COVERAGE_EXCLUDE_KEY).ifPresent(value -> Arrays.stream(value.split(","))
                .map(String::strip).filter(table -> !table.isEmpty()).forEach(excluded::add));
        Optional<ForkedBuild> build = ForkedBuild.of(parameters);
        if (build.isPresent()) {
            CoverageParts.Part forked = CoverageParts.instance().part(directory, build.get().build(),
                    build.get().part(), CoverageLog.instance().mark());
            part = forked;
            run = CoverageRuns.instance().start(kitClasses, minimum, RlsExtension.COVERAGE_MINIMUM_KEY, problem,
                    report("coverage.md"), excluded, forked::build);
        } else {
            part = null;
            run = CoverageRuns.instance().start(kitClasses, minimum, RlsExtension.COVERAGE_MINIMUM_KEY, problem,
                    report("coverage.md"), excluded);
        }
    }

    private static Optional<Class<?>> load(ClassSource source) {
        try {
            return Optional.of(source.getJavaClass());
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (run != null) {
            CoverageRuns.instance().containerStarting(run, identifier.getUniqueId());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (run != null) {
            CoverageRuns.instance().containerEnded(run, identifier.getUniqueId());
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (run != null) {
            CoverageRuns.instance().containerEnded(run, identifier.getUniqueId());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (run == null) {
            return;
        }
        CoverageRuns.instance().finish(run);
        Double minimum = run.minimum();
        Coverage coverage;
        String merged = "";
        if (part != null) {
            CoverageParts.Merged parts = part.publish(run.excluded(), minimum);
            coverage = parts.coverage();
            merged = parts.parts() > 1 ? "; merged from " + parts.parts() + " parts (" + directory.resolve(
                    CoverageParts.FOLDER) + ")" : "";
        } else {
            coverage = run.coverage();
            if (!coverage.isEmpty()) {
                try {
                    CoverageParts.writeReport(directory, coverage, minimum);
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write the rls-testkit coverage report to "
                            + directory.toAbsolutePath(), e);
                }
            }
        }
        if (coverage.isEmpty()) {
            run = null;
            return;
        }
        System.out.println(coverage.summary(report("coverage.md"), minimum) + merged);
        if (minimum != null && coverage.belowMinimum(minimum) && !run.enforced()) {
            System.err.println("rls-testkit coverage: below the minimum, but the last test class that uses the kit"
                    + " was skipped, so no test could fail for it.");
        }
        run = null;
    }

    private String report(String file) {
        return shownDirectory.endsWith("/") ? shownDirectory + file : shownDirectory + "/" + file;
    }
}
