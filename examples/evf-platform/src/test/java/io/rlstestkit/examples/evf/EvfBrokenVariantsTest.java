package io.rlstestkit.examples.evf;

import io.rlstestkit.BrokenVariant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broken variants the guide warns about, each one migration on top of the platform's (in
 * {@code src/test/resources/db/broken}), or the session-level tenant context: the example's own test classes run
 * against each through JUnit's engine test kit, and fail with the kit's message.
 */
class EvfBrokenVariantsTest {

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            forgotten-force                 | EvfTenantIsolationTest | its role evf_app owns public.evf, which has row-level security enabled but not forced
            delete-using-true               | EvfTenantIsolationTest | but a DELETE that reads no column removed 2 of tenant a's 2 rows
            system-pass-through             | EvfTenantIsolationTest | to return 0 rows\\nbut it returned 4 rows
            audit-policy-without-with-check | EvfTenantIsolationTest | rows belong to others
            """)
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) throws ClassNotFoundException {
        List<String> failures = failuresOf(testClass, Map.of("rlstestkit.migrations",
                "classpath:db/migration,classpath:db/broken/" + variant));
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    @ParameterizedTest(name = "the session-level tenant context is caught by {0}")
    @CsvSource(delimiter = '|', textBlock = """
            EvfConnectionPoolTest | carries:\\n  app.current_tenant = '
            """)
    void aTenantSetForTheWholeSessionIsCaught(String testClass, String message) throws ClassNotFoundException {
        List<String> failures = failuresOf(testClass, Map.of(TenantContextParameter.KEY, "session-level"));
        assertThat(failures).hasSize(2).allSatisfy(failure -> assertThat(failure)
                .contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, Map<String, String> configuration)
            throws ClassNotFoundException {
        return BrokenVariant.configuration(configuration).failuresOf(Class.forName("io.rlstestkit.examples.evf." + testClass));
    }
}
