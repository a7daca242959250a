package io.rlstestkit.examples.github;

import io.rlstestkit.BrokenVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flaws the document warns about, each one migration on top of the app's (in
 * {@code src/test/resources/db/broken}): the example's own test classes run against each through JUnit's engine test
 * kit, and fail with the kit's message.
 */
class GitHubAppBrokenVariantsTest {

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            worker-pass-through-without-with-check | WorkerTest     | but an UPDATE aimed at them changed 2 of tenant a's 2 rows
            forgotten-force                        | ApiRequestTest | its role app_api owns public.repositories, which has row-level security enabled but not forced
            update-using-true                      | ApiRequestTest | but an UPDATE that reads no column changed 2 of tenant a's 2 rows
            user-scope-pass-through                | WebhookTest    | to return 0 rows\\nbut it returned 4 rows
            user-scope-pass-through                | WorkerTest     | to return 0 rows\\nbut it returned 4 rows
            rls-not-enabled                        | ApiRequestTest | but it sees 2 of tenant a's 2 rows
            """)
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) throws ClassNotFoundException {
        List<String> failures = failuresOf(testClass, Map.of("rlstestkit.migrations",
                "classpath:db/migration,classpath:db/broken/" + variant));
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, Map<String, String> configuration)
            throws ClassNotFoundException {
        return BrokenVariant.configuration(configuration).failuresOf(Class.forName("io.rlstestkit.examples.github." + testClass));
    }
}
