package io.rlstestkit.examples.supabase;

import io.rlstestkit.BrokenVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broken variants the document warns about, each one migration on top of the example's (in
 * {@code src/test/resources/db/broken}): the example's own test classes run against each through JUnit's engine
 * test kit, and fail with the kit's message.
 */
class BrokenVariantsTest {

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            recursive-team-members-policy   | UserIsolationTest | but it hit a recursive policy: <42P17 infinite recursion detected in policy for relation "team_members">
            posts-policy-without-with-check | UserIsolationTest | but an UPDATE aimed at them changed 1 of tenant a's 3 rows
            forgotten-force                 | UserIsolationTest | its role authenticated owns public.posts, which has row-level security enabled but not forced
            comments-delete-using-true      | UserIsolationTest | but a DELETE that reads no column removed 2 of tenant a's 2 rows
            """)
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) throws ClassNotFoundException {
        List<String> failures = failuresOf(testClass, Map.of("rlstestkit.migrations",
                "classpath:db/migration,classpath:db/broken/" + variant));
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, Map<String, String> configuration)
            throws ClassNotFoundException {
        return BrokenVariant.configuration(configuration).failuresOf(Class.forName("io.rlstestkit.examples.supabase." + testClass));
    }
}
