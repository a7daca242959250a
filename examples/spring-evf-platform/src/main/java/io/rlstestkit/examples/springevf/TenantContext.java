package io.rlstestkit.examples.springevf;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The platform's {@code rls_enforced_session()}: work in one transaction with {@code app.current_tenant} set for
 * that transaction only, or as the system role for monitoring across tenants.
 */
@Component
public class TenantContext {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public TenantContext(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Runs the work in a transaction of the tenant. */
    public <T> T inTenant(UUID tenant, Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.queryForObject("select set_config('app.current_tenant', ?, true)", String.class, tenant.toString());
            return work.get();
        });
    }

    /** Runs the work in a transaction as evf_system, which reads every tenant by design. */
    public <T> T asSystem(Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.execute("set local role evf_system");
            return work.get();
        });
    }
}
