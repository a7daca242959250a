package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration location that exists but holds no Flyway migration fails the class with what to do; the kit asks
 * Flyway for its info only after a migrate that ran nothing, so this check stays on that path.
 */
class NoMigrationsTest {

    @Test
    void aLocationWithoutMigrationsSaysSo() {
        assertThat(ExtensionFailuresTest.classFailure(NoMigrations.class)).isEqualTo("Expecting Flyway migrations"
                + " (V<version>__<description>.sql) at classpath:fixtures/seed, but Flyway found none there.\nAdd the"
                + " migrations, or point @RlsTest(migrations = ...) at the folder that holds them.");
    }

    @RlsTest(migrations = "classpath:fixtures/seed")
    @Fixture
    static class NoMigrations {
        @Test
        void test(Tenants tenants) {
        }
    }
}
