package io.rlstestkit.examples.skills;

import io.rlstestkit.MigrationRoundTrip;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.Test;

/** The literal migrations and the correction on top: every version can be undone and applied again. */
@RlsTest(migrations = {"classpath:db/migration", "classpath:db/corrected"})
class SkillsMarketplaceMigrationsTest {

    @Test
    void everyMigrationIsReversible(MigrationRoundTrip roundTrip) {
        roundTrip.assertEveryStepReversible();
    }

    @Test
    void theMigrationsAreValid(MigrationRoundTrip roundTrip) {
        roundTrip.assertFlywayValid();
    }
}
