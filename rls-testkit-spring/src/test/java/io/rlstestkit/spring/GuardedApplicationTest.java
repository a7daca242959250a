package io.rlstestkit.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.rlstestkit.RlsExtension;
import io.rlstestkit.Tenants;
import io.rlstestkit.guard.GuardedDataSource;
import io.rlstestkit.guard.TenantContextViolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The guard on the application's own data source, enabled by {@code @RlsTest(guard = true)}: the application's
 * repository and health check run through Spring's JdbcTemplate and transactions.
 */
@SpringBootTest
@GuardedNotesTest
class GuardedApplicationTest {

    @Autowired
    Notes notes;
    @Autowired
    HealthCheck health;
    @Autowired
    DataSource dataSource;

    @Test
    void aTenantSeesItsOwnNotesThroughTheApplication(Tenants tenants) {
        assertThat(notes.bodies((UUID) tenants.get("a").id())).containsExactly("seeded note of a");
        assertThat(notes.bodies((UUID) tenants.get("b").id())).containsExactly("seeded note of b");
    }

    @Test
    void aRepositoryThatForgetsTheTenantFailsAndNamesItsFrame() throws SQLException {
        Throwable failure = catchThrowable(notes::countForgettingTheTenant);

        assertThat(failure).isInstanceOf(TenantContextViolation.class)
                .hasMessageContaining("  select count(*) from notes\nran on public.notes without"
                        + " app.current_tenant_id set for its transaction.")
                .hasMessageContaining("role: notes_user")
                .hasMessageContaining("issued by: io.rlstestkit.spring.Notes.lambda$countForgettingTheTenant$");
        assertThat(dataSource.unwrap(GuardedDataSource.class).takeViolations()).hasSize(1);
    }

    @Test
    void theHealthCheckIsASystemPath() {
        assertThat(health.notesVisibleWithoutTenant()).isZero();
    }

    @Test
    void aRoleThatBypassesRowLevelSecurityFails(Tenants tenants) throws SQLException {
        Throwable failure = catchThrowable(() -> notes.countForgettingTheRole((UUID) tenants.get("a").id()));

        assertThat(failure).isInstanceOf(TenantContextViolation.class)
                .hasMessageContaining("which bypasses row-level security on notes: it is a superuser");
        dataSource.unwrap(GuardedDataSource.class).takeViolations();
    }

    @Test
    void theApplicationsPoolHandsOutCleanConnections(Tenants tenants) throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool).handsOutCleanConnectionsAfter(() -> notes.bodies((UUID) tenants.get("a").id()));
    }

    @Test
    void aViolationThatABackgroundThreadSwallowedFailsTheTestAfterIt() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(SwallowingJob.class)).configurationParameter(Fixture.KEY, "true").execute();

        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(TenantContextViolation.class),
                message(text -> text.startsWith("Expecting no statement without a tenant context, but the guard of"
                        + " the application's data source found:\n\nExpecting every statement on a table with"
                        + " row-level security to run in a tenant context, but\n  select count(*) from notes\n"))));
    }

    @Test
    void theGuardAndItsAllowancesConfiguredProgrammatically() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ProgrammaticGuard.class)).configurationParameter(Fixture.KEY, "true")
                .execute();

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                instanceOf(TenantContextViolation.class),
                message(text -> text.contains("  select count(*) from notes\nran on public.notes without"
                        + " app.current_tenant_id set for its transaction."))));
    }

    /** {@link GuardedNotesTest}'s configuration, registered with the builder. */
    @Fixture
    @SpringBootTest
    static class ProgrammaticGuard {
        @RegisterExtension
        static RlsExtension rls = RlsExtension.configure().seed("classpath:db/seed/tenant.sql")
                .tenantRole("notes_user").guard().guardSystemPaths(Maintenance.class).build();

        @Autowired
        Notes notes;
        @Autowired
        HealthCheck health;

        @Test
        void theHealthCheckIsAllowed() {
            assertThat(health.notesVisibleWithoutTenant()).isZero();
        }

        @Test
        void aRepositoryThatForgetsTheTenantFails() {
            notes.countForgettingTheTenant();
        }
    }

    @Fixture
    @SpringBootTest
    @GuardedNotesTest
    static class SwallowingJob {
        @Autowired
        Notes notes;

        @Test
        void aJobOnAnotherThreadForgetsTheTenantAndItsExecutorLogsAndGoesOn() {
            CompletableFuture.runAsync(() -> {
                try {
                    notes.countForgettingTheTenant();
                } catch (Throwable swallowed) {
                    // an executor that logs and goes on
                }
            }).join();
        }
    }
}
