package io.rlstestkit.examples.springevf;

import io.rlstestkit.BrokenVariant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A background job that forgot the tenant: the guard on the application's pool catches it, and names the job; run on
 * the application's executor, which logs the failure and goes on, it fails the test after it.
 */
class EvfBrokenVariantsTest {

    @Test
    void aJobThatForgetsTheTenantIsCaughtByTheGuard() {
        List<String> failures = BrokenVariant.configuration(JobVariant.KEY, "forgets-tenant")
                .failuresOf(EvfJobTest.class);

        assertThat(failures).hasSize(3).allSatisfy(failure -> assertThat(failure).contains("""
                  update compliance_checks set status = 'approved' where status = 'pending'
                ran on public.compliance_checks without app.current_tenant set for its transaction.""",
                "  role: evf_api (session user evf_api)",
                "  transaction: none open (the statement starts one)",
                "  issued by: io.rlstestkit.examples.springevf.EvfRepository.approvePendingChecks(",
                "called from io.rlstestkit.examples.springevf.JobVariant$ForgetfulComplianceJob.approvePending(",
                "called from io.rlstestkit.examples.springevf.ComplianceJob.run("));
        assertThat(failures).filteredOn(failure -> failure.startsWith("Expecting no statement without a tenant"
                + " context, but the guard of the application's data source found:")).hasSize(1);
    }
}
