package io.rlstestkit.examples.springevf;

import io.rlstestkit.Tenant;
import io.rlstestkit.Tenants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * The background compliance job, run as the application runs it. {@link EvfBrokenVariantsTest} runs this class
 * against a job that forgot the tenant.
 */
@EvfPlatformTest
@ExtendWith(JobVariant.Resolver.class)
class EvfJobTest {

    @Autowired
    ComplianceJob job;

    @Test
    void theJobApprovesEveryTenantsPendingChecks(Tenants tenants, JobVariant variant) {
        List<UUID> ids = StreamSupport.stream(tenants.spliterator(), false).map(tenant -> (UUID) tenant.id())
                .toList();

        assertThat(variant.of(job).run(ids)).isEqualTo(4);
    }

    /**
     * The nightly run on the application's executor, which logs a failure and goes on: a violation of the guard
     * there fails the test after it (the broken variant).
     */
    @Test
    void theNightlyRunOnTheApplicationsExecutorCompletes(Tenants tenants, JobVariant variant) {
        List<UUID> ids = StreamSupport.stream(tenants.spliterator(), false).map(Tenant::id).map(UUID.class::cast)
                .toList();

        assertThat(variant.of(job).runInBackground(ids)).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void aSecondRunFindsNothingLeft(Tenants tenants, JobVariant variant) {
        List<UUID> ids = StreamSupport.stream(tenants.spliterator(), false).map(Tenant::id).map(UUID.class::cast)
                .toList();
        variant.of(job).run(ids);

        assertThat(variant.of(job).run(ids)).isZero();
    }
}
