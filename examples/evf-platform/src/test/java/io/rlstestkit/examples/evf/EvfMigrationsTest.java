package io.rlstestkit.examples.evf;

import io.rlstestkit.MigrationRoundTrip;
import io.rlstestkit.RlsTest;
import org.junit.jupiter.api.Test;

/**
 * The platform's migrations: every version can be undone by its U script and applied again (and the undo of the
 * policies keeps the rows that were there), Flyway's history is valid, and the migrated schema matches the snapshot kept in the repository (regenerate it after an intended change
 * with {@code -Drlstestkit.snapshot.update=true}).
 */
@RlsTest
class EvfMigrationsTest {

    private static final String SNAPSHOT = "src/test/resources/db/schema-snapshot.txt";

    @Test
    void everyMigrationIsReversible(MigrationRoundTrip roundTrip) {
        roundTrip.withDataBefore("2", "insert into tenants (id, name, nif)"
                        + " values ('00000000-0000-0000-0000-0000000000a1', 'Consultora', '500000001')")
                .withDataBefore("3", "insert into evf (tenant_id, name)"
                        + " values ('00000000-0000-0000-0000-0000000000a1', 'Modernização')")
                .assertEveryStepReversible();
    }

    @Test
    void theMigrationsAreValid(MigrationRoundTrip roundTrip) {
        roundTrip.assertFlywayValid(SNAPSHOT);
    }

    @Test
    void theSchemaHasNotDrifted(MigrationRoundTrip roundTrip) {
        roundTrip.assertMatchesSnapshot(SNAPSHOT);
    }
}
