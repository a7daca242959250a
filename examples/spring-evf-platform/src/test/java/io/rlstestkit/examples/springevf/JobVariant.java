package io.rlstestkit.examples.springevf;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.UUID;

/**
 * The job a test runs: the application's, or, where the configuration parameter {@code evf.job} is
 * {@code forgets-tenant}, a regression of it that approves checks without setting the tenant, so that
 * {@link EvfBrokenVariantsTest} can run {@link EvfJobTest} against it.
 */
final class JobVariant {

    static final String KEY = "evf.job";

    private final boolean forgetsTenant;

    private JobVariant(boolean forgetsTenant) {
        this.forgetsTenant = forgetsTenant;
    }

    ComplianceJob of(ComplianceJob job) {
        return forgetsTenant ? new ForgetfulComplianceJob(job) : job;
    }

    /** The regression: the job approves the pending checks with no tenant context at all. */
    private static final class ForgetfulComplianceJob extends ComplianceJob {
        ForgetfulComplianceJob(ComplianceJob job) {
            super(job.context(), job.repository(), job.executor());
        }

        @Override
        protected int approvePending(UUID tenant) {
            return repository().approvePendingChecks();
        }
    }

    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == JobVariant.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return new JobVariant(context.getConfigurationParameter(KEY).filter("forgets-tenant"::equals).isPresent());
        }
    }
}
