package io.rlstestkit.internal.database;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One embedded cluster serves every test class of the JVM whose migrations share their roles: classes with the same
 * migrations share it (each configuration with a database of its own there), classes with other migrations get a
 * cluster of their own, since roles belong to a whole cluster.
 */
class EmbeddedClusterSharingTest {

    private static final Map<Class<?>, Where> SEEN = new ConcurrentHashMap<>();

    @Test
    void classesWithTheSameMigrationsShareOneClusterAndOthersGetTheirOwn() {
        // WHEN
        for (Class<?> fixture : new Class<?>[] {Invoices.class, InvoicesWithOtherTenants.class, OtherMigrations.class}) {
            Fixtures.run(fixture).testEvents().assertStatistics(stats -> stats.succeeded(1));
        }

        // THEN
        Where invoices = SEEN.get(Invoices.class);
        Where otherTenants = SEEN.get(InvoicesWithOtherTenants.class);
        Where otherMigrations = SEEN.get(OtherMigrations.class);
        assertThat(otherTenants.cluster()).as("the cluster of the same migrations with other tenants")
                .isEqualTo(invoices.cluster());
        assertThat(otherTenants.database()).as("its database").isNotEqualTo(invoices.database());
        assertThat(otherMigrations.cluster()).as("the cluster of other migrations").isNotEqualTo(invoices.cluster());
    }

    /** Where a fixture's test ran: its cluster (data directory and port) and its database. */
    private record Where(String cluster, String database) {

        static void record(Class<?> fixture, RlsSession owner) {
            Map<String, Object> row = owner.query("SELECT current_setting('data_directory') || ' on port '"
                    + " || current_setting('port') AS cluster, current_database() AS database").get(0);
            SEEN.put(fixture, new Where((String) row.get("cluster"), (String) row.get("database")));
        }
    }

    @Fixture
    @RlsTest(migrations = "classpath:fixtures/sound", seed = "classpath:fixtures/seed/tenant.sql",
            tenantRole = "app_user", workerRole = "app_worker")
    static class Invoices {

        @Test
        void records(@AsOwner RlsSession owner) {
            Where.record(Invoices.class, owner);
        }
    }

    @Fixture
    @RlsTest(migrations = "classpath:fixtures/sound", seed = "classpath:fixtures/seed/tenant.sql",
            tenants = {"x", "y", "z"}, tenantRole = "app_user", workerRole = "app_worker")
    static class InvoicesWithOtherTenants {

        @Test
        void records(@AsOwner RlsSession owner) {
            Where.record(InvoicesWithOtherTenants.class, owner);
        }
    }

    @Fixture
    @RlsTest(migrations = "classpath:fixtures/external/migrations", seed = "classpath:fixtures/external/seed.sql",
            tenantRole = "rls_it_tenant", workerRole = "rls_it_existing")
    static class OtherMigrations {

        @Test
        void records(@AsOwner RlsSession owner) {
            Where.record(OtherMigrations.class, owner);
        }
    }
}
