package io.rlstestkit.examples.supabase;

import io.rlstestkit.MigrationRoundTrip;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.Test;

/** The template's idempotent migration pattern, checked the other way: every version can be undone and applied again. */
@RlsTest(supabase = true)
class SupabasePatternsMigrationsTest {

    @Test
    void everyMigrationIsReversible(MigrationRoundTrip roundTrip) {
        roundTrip.assertEveryStepReversible();
    }

    @Test
    void theMigrationsAreValid(MigrationRoundTrip roundTrip) {
        roundTrip.assertFlywayValid();
    }
}
