package io.rlstestkit.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs {@link Fixture} classes through JUnit's engine test kit, with configuration parameters, so that a test can
 * assert on the events of the extension's failure paths.
 * <pre>{@code
 * EngineExecutionResults results = Fixtures.run(Isolation.class, Map.of("rlstestkit.provider", "external"));
 * results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
 * }</pre>
 */
public final class Fixtures {

    /** The configuration parameter that enables {@link Fixture} classes; only {@link #run} sets it. */
    public static final String ENABLED_KEY = "rlstestkit.fixture";

    private Fixtures() {
    }

    /** Runs a fixture class with the Jupiter engine and no further configuration. */
    public static EngineExecutionResults run(Class<?> fixture) {
        return run(fixture, Map.of());
    }

    /**
     * Runs a fixture class with the Jupiter engine.
     *
     * @param fixture       a class annotated with {@link Fixture}
     * @param configuration JUnit configuration parameters ({@code rlstestkit.provider} and the like)
     */
    public static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
        if (!fixture.isAnnotationPresent(Fixture.class)) {
            throw new IllegalArgumentException("Expecting a class annotated with @Fixture, but "
                    + fixture.getName() + " is not; annotate it, so that it does not also run on its own.");
        }
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .configurationParameter(ENABLED_KEY, "true")
                .selectors(selectClass(fixture))
                .execute();
    }

    /** Disables {@link Fixture} classes unless {@link Fixtures#run} runs them. */
    static final class OnlyThroughFixtures implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getConfigurationParameter(ENABLED_KEY, Boolean::parseBoolean).orElse(false)) {
                return ConditionEvaluationResult.enabled("run through Fixtures.run");
            }
            return ConditionEvaluationResult.disabled("a fixture: it runs only through Fixtures.run");
        }
    }
}
