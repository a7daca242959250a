package io.rlstestkit.examples.evf;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the application's {@link TenantContext}: the transaction-local one the platform uses, or, when the
 * configuration parameter {@code evf.tenant-context} is {@code session-level}, the broken one, so that
 * {@link EvfBrokenVariantsTest} can run the same tests against it.
 */
class TenantContextParameter implements ParameterResolver {

    static final String KEY = "evf.tenant-context";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TenantContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getConfigurationParameter(KEY).filter("session-level"::equals).isPresent()
                ? new SessionLevelTenantContext() : new TransactionLocalTenantContext();
    }
}
