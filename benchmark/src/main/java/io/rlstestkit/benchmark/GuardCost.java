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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Row 6: what the tenant-context guard adds to one statement of application code on a table with row-level
 * security: the same prepared query on a guarded and on an unguarded connection to the test's database, interleaved,
 * each in a transaction of its own that sets the tenant and the role first, as application code does. The statement
 * is the first of its transaction on a table with row-level security, the one for which the guard reads the session
 * (a later one of the same transaction reuses what it read; that figure is printed beside the row). Target: the
 * guarded median at most 1 ms above the unguarded one.
 *
 * <p>Run on its own, with the working directory in the benchmark module, it takes the benchmark's options
 * ({@code --schema}, {@code --root}, {@code --warmup}, {@code --iterations}) and prints row 6 alone.
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

    /**
     * Row 6 alone.
     *
     * @param args the benchmark's options, as {@code --name=value}
     * @throws Exception where the step fails
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        ExampleSchema schema = ExampleSchema.choose(options.schema(), options.root());
        Environment environment = Environments.instance().environment(KitConfigurations.of(schema, options.root(),
                KitConfigurations.defaultTenants()));
        System.out.println("rls-testkit benchmark, row 6 alone: schema " + schema.name() + "; Java "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores; PostgreSQL "
                + environment.server().description());
        ResultTable.print(List.of(new GuardCost(environment, schema, options.warmup(),
                options.iterations()).measure()), System.out);
    }

    Comparison measure() throws Exception {
        String sql = "select count(*) from " + schema.table();
        Samples guarded = new Samples();
        Samples unguarded = new Samples();
        Samples guardedLater = new Samples();
        Samples unguardedLater = new Samples();
        try (TestRun run = Environments.instance().startTest(environment.configuration(), SOURCE)) {
            PGSimpleDataSource owner = new PGSimpleDataSource();
            owner.setUrl(run.databaseForOutsideConnections().jdbcUrl());
            owner.setUser(environment.server().user());
            owner.setPassword(environment.server().password());
            GuardedDataSource guard = GuardedDataSource.of(owner, owner, schema.tenantSetting());
            try (Connection checked = guard.getConnection();
                 Connection plain = owner.getConnection();
                 PreparedStatement checkedTenant = tenantSetter(checked);
                 PreparedStatement plainTenant = tenantSetter(plain);
                 PreparedStatement checkedQuery = checked.prepareStatement(sql);
                 PreparedStatement plainQuery = plain.prepareStatement(sql)) {
                checked.setAutoCommit(false);
                plain.setAutoCommit(false);
                for (int i = 0; i < warmup + iterations; i++) {
                    boolean measured = i >= warmup;
                    transaction(checked, checkedTenant, checkedQuery, measured ? guarded : new Samples(),
                            measured ? guardedLater : new Samples());
                    transaction(plain, plainTenant, plainQuery, measured ? unguarded : new Samples(),
                            measured ? unguardedLater : new Samples());
                }
            }
        }
        System.out.printf(Locale.ROOT, "guard row: the guard adds %.3f ms to the first statement of a transaction on a"
                        + " table with row-level security and %.3f ms to a later one (medians of the differences"
                        + " of the interleaved pairs; a later one: guarded %.3f ms, unguarded %.3f ms)%n",
                medianDifference(guarded, unguarded), medianDifference(guardedLater, unguardedLater),
                guardedLater.medianMillis(), unguardedLater.medianMillis());
        double allowed = unguarded.medianMillis() + 1;
        return new Comparison("guard. a guarded statement, the first of its transaction (" + sql + ")", guarded,
                "the same statement on an unguarded connection", unguarded,
                new Target("adds <= 1 ms", Double.NaN, allowed));
    }

    private PreparedStatement tenantSetter(Connection connection) throws SQLException {
        PreparedStatement tenant = connection.prepareStatement("select set_config(?, ?, true)");
        tenant.setString(1, schema.tenantSetting());
        tenant.setString(2, environment.tenants().get("a").id().toString());
        return tenant;
    }

    /**
     * One transaction as application code runs it: the tenant and the role set for it, then the statement twice,
     * each timed; rolled back.
     */
    private void transaction(Connection connection, PreparedStatement tenant, PreparedStatement query, Samples first,
                             Samples later) throws Exception {
        tenant.execute();
        try (Statement role = connection.createStatement()) {
            role.execute("set local role " + schema.tenantRole());
        }
        first.time(() -> count(query));
        later.time(() -> count(query));
        connection.rollback();
    }

    private static double medianDifference(Samples kit, Samples baseline) {
        long[] kitValues = kit.values();
        long[] baselineValues = baseline.values();
        long[] differences = new long[Math.min(kitValues.length, baselineValues.length)];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = kitValues[i] - baselineValues[i];
        }
        Arrays.sort(differences);
        int n = differences.length;
        return (differences[(n - 1) / 2] + differences[n / 2]) / 2.0 / 1_000_000.0;
    }

    private static void count(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            rows.next();
        }
    }
}
