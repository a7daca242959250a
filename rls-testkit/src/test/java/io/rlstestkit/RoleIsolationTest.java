package io.rlstestkit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Roles belong to a whole server: a migration that alters a role alters it for every database there. Configurations
 * whose migrations differ must not see each other's roles, also in one JVM.
 */
class RoleIsolationTest {

    private static final String APP_USER = "select rolbypassrls as bypass from pg_roles where rolname = 'app_user'";

    /** Its migrations give app_user BYPASSRLS. */
    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "bypassrls"}, seed = TestSchemas.SEED, tenantRole = "app_user")
    class AConfigurationThatAltersARole {

        @Test
        void seesItsOwnChange(@AsOwner RlsSession owner) {
            assertThat(owner.query(APP_USER)).containsExactly(Map.of("bypass", true));
        }
    }

    /** Its migrations create app_user as it should be. */
    @Nested
    @SoundSchema
    class AConfigurationThatCreatesTheSameRole {

        @Test
        void doesNotSeeTheOtherConfigurationsChange(@AsOwner RlsSession owner) {
            assertThat(owner.query(APP_USER)).containsExactly(Map.of("bypass", false));
        }
    }

    /** Same migrations, another seed: the same roles, on the same server. */
    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, tenantRole = "app_user")
    class AConfigurationWithTheSameMigrations {

        @Test
        void sharesTheServer(@AsOwner RlsSession owner) {
            assertThat(owner.query(APP_USER)).containsExactly(Map.of("bypass", false));
            assertThat(owner.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 0L));
        }
    }
}
