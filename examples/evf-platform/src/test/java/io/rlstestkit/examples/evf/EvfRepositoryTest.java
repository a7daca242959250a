package io.rlstestkit.examples.evf;

import com.zaxxer.hikari.HikariDataSource;
import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own code, on its own HikariCP pool, against the test's database: the repository sets the
 * tenant per transaction and row-level security does the filtering.
 */
@RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "evf_app", tenantSetting = "app.current_tenant")
class EvfRepositoryTest {

    private HikariDataSource pool;
    private EvfRepository repository;
    private EvfComplianceTask compliance;
    private UUID a;
    private UUID b;

    @BeforeEach
    void connect(RlsDatabase database, Tenants tenants) {
        pool = EvfDataSources.pooled(database.jdbcUrl(), database.user(), database.password(), 1, "evf_app");
        repository = new EvfRepository(pool);
        compliance = new EvfComplianceTask(new RlsEnforcedSession(pool, new TransactionLocalTenantContext()));
        a = (UUID) tenants.get("a").id();
        b = (UUID) tenants.get("b").id();
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aRequestListsOnlyItsTenantsEvfs(Tenants tenants) throws SQLException {
        assertThat(repository.listEvfs(a)).hasSize(2).allSatisfy(evf -> assertThat(evf.tenantId()).isEqualTo(a));
        assertThat(repository.listEvfs(b)).hasSize(2).allSatisfy(evf -> assertThat(evf.tenantId()).isEqualTo(b));
    }

    @Test
    void aRequestCannotReadOrRenameAnotherTenantsEvf() throws SQLException {
        UUID evfOfA = repository.listEvfs(a).get(0).id();
        assertThat(repository.findEvf(b, evfOfA)).isEmpty();
        assertThat(repository.renameEvf(b, evfOfA, "Renamed by b")).isFalse();
        assertThat(repository.findEvf(a, evfOfA)).get().extracting(Evf::name).isNotEqualTo("Renamed by b");
    }

    @Test
    void aBackgroundTaskIsBoundToItsTenantToo() throws SQLException {
        UUID evfOfA = repository.listEvfs(a).get(0).id();
        assertThat(compliance.check(b, evfOfA)).isEmpty();
        assertThat(compliance.check(a, evfOfA)).isPresent();
    }

    @Test
    void aCreatedEvfBelongsToItsTenant(Tenants tenants) throws SQLException {
        Tenant tenantB = tenants.get("b");
        Evf created = repository.createEvf(b, "Expansão");
        assertThat(created.tenantId()).isEqualTo(tenantB.id());
        assertThat(repository.listEvfs(a)).extracting(Evf::id).doesNotContain(created.id());
    }
}
