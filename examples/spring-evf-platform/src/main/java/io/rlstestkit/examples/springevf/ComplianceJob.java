package io.rlstestkit.examples.springevf;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The background compliance job: approves the pending checks of each tenant, in that tenant's context; nightly on the
 * application's task executor, where a failure is logged and the job runs again the next night.
 */
@Component
public class ComplianceJob {

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceJob.class);

    private final TenantContext context;
    private final EvfRepository repository;
    private final TaskExecutor executor;

    public ComplianceJob(TenantContext context, EvfRepository repository, TaskExecutor executor) {
        this.context = context;
        this.repository = repository;
        this.executor = executor;
    }

    /** The nightly run, on the application's task executor: logs a failure and goes on. */
    public CompletableFuture<Void> runInBackground(List<UUID> tenants) {
        return CompletableFuture.runAsync(() -> {
            try {
                LOG.info("compliance job approved {} checks", run(tenants));
            } catch (Throwable failure) {
                LOG.error("compliance job failed; it runs again tomorrow", failure);
            }
        }, executor);
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

    protected TaskExecutor executor() {
        return executor;
    }
}
