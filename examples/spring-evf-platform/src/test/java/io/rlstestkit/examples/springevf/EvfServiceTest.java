package io.rlstestkit.examples.springevf;

import com.zaxxer.hikari.HikariDataSource;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Tenant isolation proved through the application: its services called as two tenants, its health check and
 * monitoring, and its own Hikari pool.
 */
@EvfPlatformTest
class EvfServiceTest {

    @Autowired
    EvfService service;
    @Autowired
    EvfHealth health;
    @Autowired
    DataSource dataSource;

    private static UUID id(Tenants tenants, String key) {
        return (UUID) tenants.get(key).id();
    }

    @Test
    void eachTenantListsOnlyItsOwnEvfs(Tenants tenants) {
        assertThat(service.list(id(tenants, "a"))).extracting(Evf::name)
                .containsExactly("Internacionalização (a)", "Modernização fabril (a)");
        assertThat(service.list(id(tenants, "b"))).extracting(Evf::tenantId).containsOnly(id(tenants, "b"))
                .hasSize(2);
    }

    @Test
    void anEvfOneTenantCreatesIsNotSeenByTheOther(Tenants tenants) {
        service.create(id(tenants, "a"), "Digitalização (a)");

        assertThat(service.list(id(tenants, "a"))).extracting(Evf::name).contains("Digitalização (a)");
        assertThat(service.list(id(tenants, "b"))).extracting(Evf::name).doesNotContain("Digitalização (a)");
    }

    /**
     * A test-managed transaction: Spring's extension opens it before the kit's runs ({@code @SpringBootTest} comes
     * before {@code @RlsTest} in {@link EvfPlatformTest}), on the test's database all the same; the services join it,
     * and it is rolled back after the test.
     */
    @Test
    @Transactional
    void inATestManagedTransactionTheServicesJoinItAndATenantSeesOnlyItsOwn(Tenants tenants) {
        service.create(id(tenants, "a"), "Rolled back (a)");

        assertThat(TestTransaction.isActive()).isTrue();
        assertThat(service.list(id(tenants, "a"))).extracting(Evf::name).contains("Rolled back (a)");
        assertThat(service.list(id(tenants, "b"))).extracting(Evf::name).doesNotContain("Rolled back (a)");
    }

    @Test
    void aTenantCannotSubmitAnotherTenantsEvf(Tenants tenants) {
        UUID evfOfA = service.list(id(tenants, "a")).get(0).id();

        assertThat(service.submit(id(tenants, "b"), evfOfA)).isFalse();
        assertThat(service.submit(id(tenants, "a"), evfOfA)).isTrue();
    }

    @Test
    void theHealthCheckRunsWithoutATenantAsASystemOperation() {
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void monitoringAsTheSystemRoleCountsEveryTenant() {
        assertThat(health.totalEvf()).isEqualTo(4);
    }

    @Test
    void theApplicationsOwnPoolHandsOutCleanConnections(Tenants tenants) throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.getUsername()).isEqualTo("evf_api");
        assertThat(pool).borrowing(pool.getMaximumPoolSize())
                .handsOutCleanConnectionsAfter(() -> service.create(id(tenants, "a"), "Pooled (a)"));
    }
}
