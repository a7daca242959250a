package io.rlstestkit.examples.skills;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The example's own isolation tests, run through JUnit's engine test kit against the document's literal schema
 * (restrictive policies only) and against each broken variant (one migration on top of the corrected schema, in
 * {@code src/test/resources/db/broken}): each fails with the kit's message.
 */
class SkillsMarketplaceBrokenVariantsTest {

    private static final String CORRECTED = "classpath:db/migration,classpath:db/corrected";

    @Test
    void theLiteralDocumentIsCaughtByTheIsolationTests() {
        List<String> failures = failuresOf("TenantIsolationTest", "classpath:db/migration");
        for (String table : Marketplace.TABLES) {
            assertThat(failures).as("failures on " + table).anySatisfy(failure -> assertThat(failure)
                    .contains("but the check would pass vacuously: tenant a's own scope")
                    .contains("Why: every policy on public." + table + " that applies to role app_user for SELECT is"
                            + " RESTRICTIVE (tenant_isolation): restrictive policies only narrow what a permissive"
                            + " policy allows, so without a PERMISSIVE policy no row is visible."));
        }
    }

    @ParameterizedTest(name = "{0} is caught by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            forgotten-force              | TenantIsolationTest | its role app_user owns public.skills, which has row-level security enabled but not forced
            rls-not-enabled              | TenantIsolationTest | not to see rows of tenant a in public.api_keys,\\nbut it sees 2 of tenant a's 2 rows
            permissive-update-using-true | TenantIsolationTest | not to update rows of tenant a in public.skill_reviews,\\nbut an UPDATE that reads no column changed 2 of tenant a's 2 rows
            pass-through-when-unset      | TenantIsolationTest | <select * from usage_events>\\nto return 0 rows\\nbut it returned 4 rows
            """)
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) {
        List<String> failures = failuresOf(testClass, CORRECTED + ",classpath:db/broken/" + variant);
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, String migrations) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("rlstestkit.migrations", migrations))
                .selectors(selectClass("io.rlstestkit.examples.skills." + testClass))
                .execute();
        assertThat(results.testEvents().started().count()).as("tests started").isPositive();
        return results.allEvents().failed().stream()
                .map(event -> event.getPayload(TestExecutionResult.class).orElseThrow())
                .map(result -> result.getThrowable().map(Throwable::getMessage).orElse(""))
                .toList();
    }
}
