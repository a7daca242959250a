package io.rlstestkit.benchmark;

import io.rlstestkit.guard.GuardedDataSource;
import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.TestRun;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Row 6: what the tenant-context guard adds to one statement of application code on a table with row-level
 * security, in a tenant's transaction: the same prepared query on a guarded and on an unguarded connection to the
 * test's database, interleaved. Target: at most 1 ms added, judged as the ratio that allows it.
 */
final class GuardCost {

    private static final String SOURCE = GuardCost.class.getName();

    private final Environment environment;
    private final ExampleSchema schema;
    private final int warmup;
    private final int iterations;

    GuardCost(Environment environment, ExampleSchema schema, int warmup, int iterations) {
        this.environment = environment;
        this.schema = schema;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    Comparison measure() throws Exception {
        String sql = "select count(*) from " + schema.table();
        Samples guarded = new Samples();
        Samples unguarded = new Samples();
        try (TestRun run = Environments.instance().startTest(environment.configuration(), SOURCE)) {
            PGSimpleDataSource owner = new PGSimpleDataSource();
            owner.setUrl(run.databaseForOutsideConnections().jdbcUrl());
            owner.setUser(environment.server().user());
            owner.setPassword(environment.server().password());
            GuardedDataSource guard = GuardedDataSource.of(owner, owner, schema.tenantSetting());
            try (Connection checked = inTenant(guard.getConnection());
                 Connection plain = inTenant(owner.getConnection());
                 PreparedStatement checkedQuery = checked.prepareStatement(sql);
                 PreparedStatement plainQuery = plain.prepareStatement(sql)) {
                for (int i = 0; i < warmup + iterations; i++) {
                    (i < warmup ? new Samples() : guarded).time(() -> count(checkedQuery));
                    (i < warmup ? new Samples() : unguarded).time(() -> count(plainQuery));
                }
                checked.rollback();
                plain.rollback();
            }
        }
        double allowed = 1 + 1.0 / unguarded.medianMillis();
        return new Comparison("6. a guarded statement (" + sql + ")", guarded,
                "the same statement on an unguarded connection", unguarded,
                new Target(String.format(Locale.ROOT, "adds <= 1 ms (<= %.1fx)", allowed), allowed, Double.NaN));
    }

    private Connection inTenant(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement tenant = connection.prepareStatement("select set_config(?, ?, true)");
             Statement role = connection.createStatement()) {
            tenant.setString(1, schema.tenantSetting());
            tenant.setString(2, environment.tenants().get("a").id().toString());
            tenant.execute();
            role.execute("set local role " + schema.tenantRole());
        }
        return connection;
    }

    private static void count(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
        }
    }
}
