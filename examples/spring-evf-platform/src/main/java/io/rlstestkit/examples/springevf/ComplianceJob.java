package io.rlstestkit.examples.springevf;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/** The background compliance job: approves the pending checks of each tenant, in that tenant's context. */
@Component
public class ComplianceJob {

    private final TenantContext context;
    private final EvfRepository repository;

    public ComplianceJob(TenantContext context, EvfRepository repository) {
        this.context = context;
        this.repository = repository;
    }

    /** Runs for the tenants; returns how many checks it approved. */
    public int run(List<UUID> tenants) {
        return tenants.stream().mapToInt(this::approvePending).sum();
    }

    protected int approvePending(UUID tenant) {
        return context.inTenant(tenant, repository::approvePendingChecks);
    }

    protected TenantContext context() {
        return context;
    }

    protected EvfRepository repository() {
        return repository;
    }
}
