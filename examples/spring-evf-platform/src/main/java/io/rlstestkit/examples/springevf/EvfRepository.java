package io.rlstestkit.examples.springevf;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.UUID;

/** The EVF tables, through Spring's JdbcTemplate; row-level security scopes every statement to the context's tenant. */
@Repository
public class EvfRepository {

    private final JdbcTemplate jdbc;

    public EvfRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Evf> findAll() {
        return jdbc.query("select id, tenant_id, name, status from evf order by name", (row, i) -> new Evf(
                row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getString(3), row.getString(4)));
    }

    public UUID insert(UUID tenant, String name) {
        return jdbc.queryForObject("insert into evf (tenant_id, name) values (?, ?) returning id", UUID.class,
                tenant, name);
    }

    public int submit(UUID evf) {
        return jdbc.update("update evf set status = 'submitted' where id = ?", evf);
    }

    public int approvePendingChecks() {
        return jdbc.update("update compliance_checks set status = 'approved' where status = 'pending'");
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from evf", Long.class);
    }
}
