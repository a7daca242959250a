package io.rlstestkit.examples.wellness;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The broken variants the review warns about, each one migration on top of every service's location (in
 * {@code src/test/resources/db/broken}): the example's own test classes run against each through JUnit's engine
 * test kit, and fail with the kit's message.
 */
class WellnessBrokenVariantsTest {

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            forgotten-force               | WellnessUserIsolationTest | its role authenticated owns meals.meals, which has row-level security enabled but not forced
            insert-policy-with-check-true | WellnessUserIsolationTest | to violate a row-level security policy\\nbut it succeeded and affected 1 row\\nNo policy stopped it
            update-using-true             | WellnessUserIsolationTest | but an UPDATE that reads no column changed 2 of tenant a's 2 rows
            null-uid-pass-through         | WellnessUserIsolationTest | to return 0 rows\\nbut it returned 4 rows
            """)
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) {
        List<String> locations = new ArrayList<>(WellnessKit.LOCATIONS);
        locations.add("classpath:db/broken/" + variant);
        List<String> failures = failuresOf(testClass, Map.of("rlstestkit.migrations", String.join(",", locations)));
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, Map<String, String> configuration) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(selectClass("io.rlstestkit.examples.wellness." + testClass))
                .execute();
        assertThat(results.testEvents().started().count()).as("tests started").isPositive();
        return results.allEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().map(Throwable::getMessage).orElse(""))
                .toList();
    }
}
