package io.rlstestkit.examples.skills;

import io.rlstestkit.BrokenVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example's own isolation tests, run through JUnit's engine test kit against the document's literal schema
 * (restrictive policies only) and against each broken variant (one migration on top of the corrected schema, in
 * {@code src/test/resources/db/broken}): each fails with the kit's message.
 */
class SkillsMarketplaceBrokenVariantsTest {

    private static final String CORRECTED = "classpath:db/migration,classpath:db/corrected";

    @Test
    void theLiteralDocumentIsCaughtByTheIsolationTests() throws ClassNotFoundException {
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
    void aBrokenMigrationIsCaught(String variant, String testClass, String message) throws ClassNotFoundException {
        List<String> failures = failuresOf(testClass, CORRECTED + ",classpath:db/broken/" + variant);
        assertThat(failures).anySatisfy(failure -> assertThat(failure).contains(message.replace("\\n", "\n")));
    }

    private static List<String> failuresOf(String testClass, String migrations) throws ClassNotFoundException {
        return BrokenVariant.migrations(migrations).failuresOf(Class.forName("io.rlstestkit.examples.skills." + testClass));
    }
}
