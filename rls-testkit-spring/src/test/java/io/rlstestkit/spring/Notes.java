package io.rlstestkit.spring;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;

/** The test application's repository: each method one transaction, the tenant set for it (or, once, forgotten). */
@Repository
public class Notes {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public Notes(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public List<String> bodies(UUID tenant) {
        return transactions.execute(status -> {
            asTenant(tenant);
            return jdbc.queryForList("select body from notes order by id", String.class);
        });
    }

    public void add(UUID tenant, String body) {
        transactions.executeWithoutResult(status -> {
            asTenant(tenant);
            jdbc.update("insert into notes (tenant_id, body) values (?, ?)", tenant, body);
        });
    }

    /** The forgotten tenant: the application's role, no tenant. */
    public long countForgettingTheTenant() {
        return transactions.execute(status -> {
            jdbc.execute("set local role notes_user");
            return jdbc.queryForObject("select count(*) from notes", Long.class);
        });
    }

    /** The forgotten role: the tenant set, but the pool's user, who owns the table. */
    public long countForgettingTheRole(UUID tenant) {
        return transactions.execute(status -> {
            jdbc.queryForObject("select set_config('app.current_tenant_id', ?, true)", String.class, tenant.toString());
            return jdbc.queryForObject("select count(*) from notes", Long.class);
        });
    }

    private void asTenant(UUID tenant) {
        jdbc.queryForObject("select set_config('app.current_tenant_id', ?, true)", String.class, tenant.toString());
        jdbc.execute("set local role notes_user");
    }
}
