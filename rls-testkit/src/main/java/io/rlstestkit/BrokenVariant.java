package io.rlstestkit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs a project's own RLS test classes against a broken variant of its schema (one migration on top of its own
 * that introduces a flaw), to prove that the suite catches the flaw: a variant the tests do not catch is a hole in
 * the tests. Needs {@code org.junit.platform:junit-platform-testkit} on the test class path.
 * <pre>{@code
 * @ParameterizedTest
 * @CsvSource(delimiter = '|', textBlock = """
 *         update-using-true | but an UPDATE that reads no column changed
 *         forgotten-force   | which has row-level security enabled but not forced
 *         """)
 * void theSuiteCatchesEachBrokenVariant(String variant, String message) {
 *     List<String> failures = BrokenVariant.migrations("classpath:db/migration", "classpath:db/broken/" + variant)
 *             .failuresOf(InvoicesRlsTest.class);
 *     assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message));
 * }
 * }</pre>
 * The test classes run in this JVM through JUnit's engine test kit, with {@code rlstestkit.migrations} (and any
 * other configuration parameter given) overriding their own configuration.
 */
public final class BrokenVariant {

    private static final String TESTKIT_CLASS = "org.junit.platform.testkit.engine.EngineTestKit";

    private final Map<String, String> configuration;

    private BrokenVariant(Map<String, String> configuration) {
        this.configuration = configuration;
    }

    /** A variant whose migrations are these locations, in order (the project's own, then the flaw's). */
    public static BrokenVariant migrations(String... locations) {
        return new BrokenVariant(new LinkedHashMap<>()).with(RlsExtension.MIGRATIONS_KEY, String.join(",", locations));
    }

    /** A variant given by a JUnit configuration parameter (one the project's own test code reads, say). */
    public static BrokenVariant configuration(String key, String value) {
        return new BrokenVariant(new LinkedHashMap<>()).with(key, value);
    }

    /** A variant given by JUnit configuration parameters ({@code rlstestkit.migrations} and any other). */
    public static BrokenVariant configuration(Map<String, String> parameters) {
        return new BrokenVariant(new LinkedHashMap<>(parameters));
    }

    /** The variant with one more configuration parameter. */
    public BrokenVariant with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(configuration);
        more.put(key, value);
        return new BrokenVariant(more);
    }

    /**
     * Runs the test classes against the variant and returns the messages of every failure, tests and classes
     * alike, in the order they happened.
     *
     * @throws AssertionError where no test started at all (a run that tests nothing proves nothing)
     * @throws IllegalStateException where junit-platform-testkit is not on the class path
     */
    public List<String> failuresOf(Class<?>... testClasses) {
        try {
            Class.forName(TESTKIT_CLASS, false, BrokenVariant.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Expecting JUnit's engine test kit on the test class path to run test"
                    + " classes against a broken variant, but " + TESTKIT_CLASS + " is missing.\nYou have to add the"
                    + " following dependency to your project:\n    <dependency>\n        <groupId>org.junit.platform"
                    + "</groupId>\n        <artifactId>junit-platform-testkit</artifactId>\n        <scope>test</scope>\n"
                    + "    </dependency>", e);
        }
        return Run.failures(configuration, testClasses);
    }

    @Override
    public String toString() {
        return "broken variant " + configuration;
    }

    /** What touches the engine test kit, loaded only once it is known to be there. */
    private static final class Run {

        static List<String> failures(Map<String, String> configuration, Class<?>... testClasses) {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(configuration)
                    .selectors(Arrays.stream(testClasses).map(type -> selectClass(type)).toArray(
                            org.junit.platform.engine.DiscoverySelector[]::new))
                    .execute();
            if (results.testEvents().started().count() == 0) {
                throw new AssertionError("Expecting the tests of " + Arrays.toString(testClasses) + " to run against"
                        + " the broken variant " + configuration + ", but none started: " + results.allEvents().list());
            }
            List<String> failures = new ArrayList<>();
            results.allEvents().failed().stream()
                    .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                    .forEach(result -> failures.add(result.getThrowable().map(Throwable::getMessage).orElse("")));
            return failures;
        }
    }
}
