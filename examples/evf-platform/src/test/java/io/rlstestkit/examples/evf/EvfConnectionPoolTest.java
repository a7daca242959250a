package io.rlstestkit.examples.evf;

import com.zaxxer.hikari.HikariDataSource;
import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The guide's central promise: the tenant is set per transaction ({@code SET LOCAL}), so a pooled connection goes
 * back to the pool without it. The kit borrows the next connection from the application's own HikariCP pool after
 * a request of tenant a, and finds no tenant on it.
 */
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant")
@ExtendWith(TenantContextParameter.class)
class EvfConnectionPoolTest {

    @Test
    void theNextBorrowerCarriesNoTenantOfARequest(RlsDatabase database, Tenants tenants, TenantContext context) {
        UUID a = (UUID) tenants.get("a").id();
        try (HikariDataSource pool = EvfDataSources.pooled(database.jdbcUrl(), database.user(), database.password(),
                1, "evf_app")) {
            EvfRepository repository = new EvfRepository(pool, context);
            assertThat(pool).handsOutCleanConnectionsAfter(() -> repository.listEvfs(a));
        }
    }

    @Test
    void theNextBorrowerCarriesNoTenantOfABackgroundTask(RlsDatabase database, Tenants tenants,
                                                         TenantContext context) throws Exception {
        UUID a = (UUID) tenants.get("a").id();
        try (HikariDataSource pool = EvfDataSources.pooled(database.jdbcUrl(), database.user(), database.password(),
                1, "evf_app")) {
            UUID evf = new EvfRepository(pool).listEvfs(a).get(0).id();
            EvfComplianceTask task = new EvfComplianceTask(new RlsEnforcedSession(pool, context));
            assertThat(pool).handsOutCleanConnectionsAfter(() -> task.check(a, evf));
            assertThat(new UnscopedEvfQueries(pool).countVisibleEvfs()).isZero();
        }
    }
}
