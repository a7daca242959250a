package io.rlstestkit.examples.github;

import io.rlstestkit.MigrationRoundTrip;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.Test;

/**
 * The skill's step 5, "validate rollback and head state": every version's U script undoes it (policies and triggers
 * removed in a safe order, FORCE and ENABLE reverted), the version applies again, and Flyway's history is valid.
 */
@RlsTest
class GitHubAppMigrationsTest {

    @Test
    void everyMigrationIsReversible(MigrationRoundTrip roundTrip) {
        roundTrip.assertEveryStepReversible();
    }

    @Test
    void theMigrationsAreValid(MigrationRoundTrip roundTrip) {
        roundTrip.assertFlywayValid();
    }
}
