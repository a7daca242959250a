package io.rlstestkit.benchmark;

import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;

import java.util.ArrayList;
import java.util.List;

/**
 * What rls-testkit costs, next to doing the same by hand, measured in one run and printed as a table: the embedded
 * cluster start, migrate and seed of an example schema, the fresh state between two tests, one {@code cannotSee} and
 * one {@code cannotUpdate} (with its blind UPDATE probe), and the whole deny matrix on a 21-table schema whose rows it
 * synthesizes, next to the same schema seeded by hand. Each row gives the kit's median, the baseline's median and
 * their ratio; kit and baseline are interleaved, after a warm-up.
 *
 * <p>Run it from the repository root with
 * <pre>{@code
 * ./mvnw -B -q -pl benchmark -am verify -Pbenchmark -DskipTests
 * }</pre>
 * and choose the schema with {@code -Dbenchmark.schema=evf-platform} or {@code fixture} (default {@code auto}: the
 * EVF platform example where it exists, else the kit's fixture) and the rows with {@code -Dbenchmark.rows=2,4,6-8}
 * (default {@code all}). Run directly, it takes the same options as
 * arguments ({@code --schema=fixture --iterations=500}; see {@link BenchmarkOptions}), with the working directory in
 * the benchmark module. It stops the clusters it starts; the kit's own cluster stops when the JVM exits.
 */
public final class Benchmark {

    private Benchmark() {
    }

    /**
     * Runs the benchmark and prints the table on standard output.
     *
     * @param args options as {@code --name=value}
     * @throws Exception where a step fails
     */
    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        ExampleSchema schema = ExampleSchema.choose(options.schema(), options.root());
        System.out.println("rls-testkit benchmark: schema " + schema.name() + " (" + schema.migrations() + ", "
                + schema.seed() + "), table " + schema.table() + "; Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores; medians after warm-up, kit and baseline"
                + " interleaved.");

        List<Comparison> rows = new ArrayList<>();
        if (options.measures("1")) {
            rows.add(new ClusterStart(options.starts()).measure());
        }
        Environment environment = null;
        if (options.measures("2")) {
            MigrateAndSeed migrateAndSeed = new MigrateAndSeed(schema, options.root(), options.environments());
            rows.add(migrateAndSeed.measure());
            environment = migrateAndSeed.environment();
        }
        if (options.measures("3") || options.measures("4") || options.measures("5") || options.measures("guard")) {
            if (environment == null) {
                environment = Environments.instance().environment(KitConfigurations.of(schema, options.root(),
                        KitConfigurations.defaultTenants()));
            }
            System.out.println("PostgreSQL: " + environment.server().description());
            try (PlainQuery plain = new PlainQuery(environment.server())) {
                if (options.measures("3")) {
                    rows.add(new FreshState(environment, plain, options.warmup(), options.iterations()).measure());
                }
                TableAssertionCost assertions = new TableAssertionCost(environment, plain, options.warmup(),
                        options.iterations());
                if (options.measures("4")) {
                    rows.add(assertions.measure("4. cannotSee(\"" + schema.table() + "\").rowsOf(a)",
                            TableAssertionCost.CANNOT_SEE, schema.table(), Target.millisAtMost(1)));
                }
                if (options.measures("5")) {
                    rows.add(assertions.measure("5. cannotUpdate(\"" + schema.table() + "\").rowsOf(a)",
                            TableAssertionCost.CANNOT_UPDATE, schema.table(), Target.NONE));
                }
            }
        }
        if (options.measures("6-8")) {
            rows.addAll(new RepeatRun(schema, options.root(), options.repeats()).measure());
        }
        if (options.measures("guard")) {
            rows.add(new GuardCost(environment, schema, options.warmup(), options.iterations()).measure());
        }
        if (options.measures("9")) {
            rows.add(new MatrixCost(options.root()).measure());
        }
        ResultTable.print(rows, System.out);
    }
}
