package io.rlstestkit.examples.springevf;

import org.springframework.stereotype.Service;

import java.util.List;
import java.util.UUID;

/** The EVF service: each call is one transaction of the calling tenant. */
@Service
public class EvfService {

    private final TenantContext context;
    private final EvfRepository repository;

    public EvfService(TenantContext context, EvfRepository repository) {
        this.context = context;
        this.repository = repository;
    }

    public List<Evf> list(UUID tenant) {
        return context.inTenant(tenant, repository::findAll);
    }

    public UUID create(UUID tenant, String name) {
        return context.inTenant(tenant, () -> repository.insert(tenant, name));
    }

    /** Submits an EVF; returns whether the tenant could (another tenant's EVF is not found). */
    public boolean submit(UUID tenant, UUID evf) {
        return context.inTenant(tenant, () -> repository.submit(evf)) == 1;
    }
}
