package io.rlstestkit.examples.springevf;

import org.springframework.stereotype.Component;

/**
 * The health check and the monitoring of the platform: system operations. The health check reads the EVF table
 * without a tenant on purpose (row-level security must show it nothing); the monitoring counts every tenant's EVFs
 * as evf_system.
 */
@Component
public class EvfHealth {

    private final TenantContext context;
    private final EvfRepository repository;

    public EvfHealth(TenantContext context, EvfRepository repository) {
        this.context = context;
        this.repository = repository;
    }

    /** Healthy when the database answers and shows no tenant's rows to a request without a tenant. */
    @SystemOperation
    public boolean healthy() {
        return repository.count() == 0;
    }

    /** Every tenant's EVFs, for the operators' dashboard. */
    public long totalEvf() {
        return context.asSystem(repository::count);
    }
}
