package io.rlstestkit.examples.wellness;

import io.rlstestkit.BrokenVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) throws ClassNotFoundException {
        List<String> locations = new ArrayList<>(WellnessKit.LOCATIONS);
        locations.add("classpath:db/broken/" + variant);
        List<String> failures = failuresOf(testClass, Map.of("rlstestkit.migrations", String.join(",", locations)));
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, Map<String, String> configuration)
            throws ClassNotFoundException {
        return BrokenVariant.configuration(configuration).failuresOf(Class.forName("io.rlstestkit.examples.wellness." + testClass));
    }
}
