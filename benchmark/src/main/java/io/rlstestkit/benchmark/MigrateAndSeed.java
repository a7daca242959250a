package io.rlstestkit.benchmark;

import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.tenant.TenantSpec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Row 2: what the kit does on the first use of a configuration (a template database migrated to head by Flyway,
 * tenants {@code a} and {@code b} seeded, the catalog read, the pool of copies set up) against {@link PlainMigration}.
 * The first environment, unmeasured, starts the kit's cluster and is the one the per-test rows use. Each measured
 * run gives the two tenants ids of their own, so that the kit makes a new template on the same cluster, as it does
 * for a second configuration with the same migrations.
 */
final class MigrateAndSeed {

    private final ExampleSchema schema;
    private final Path root;
    private final int runs;
    private Environment environment;

    MigrateAndSeed(ExampleSchema schema, Path root, int runs) {
        this.schema = schema;
        this.root = root;
        this.runs = runs;
    }

    Comparison measure() throws Exception {
        Environments kit = Environments.instance();
        environment = kit.environment(KitConfigurations.of(schema, root, KitConfigurations.defaultTenants()));
        Samples kitTimes = new Samples();
        Samples plainTimes = new Samples();
        try (PlainMigration plain = new PlainMigration(environment.server(), schema, root)) {
            for (int run = 0; run <= runs; run++) {
                boolean measured = run > 0;
                List<TenantSpec> tenants = List.of(new TenantSpec("a", id(run, "a")), new TenantSpec("b", id(run, "b")));
                long start = System.nanoTime();
                kit.environment(KitConfigurations.of(schema, root, tenants));
                long kitTime = System.nanoTime() - start;

                Map<String, String> plainTenants = new LinkedHashMap<>();
                tenants.forEach(tenant -> plainTenants.put(tenant.key(), tenant.id()));
                String database = "benchmark_plain_" + run;
                start = System.nanoTime();
                plain.run(database, plainTenants);
                long plainTime = System.nanoTime() - start;
                plain.drop(database);

                if (measured) {
                    kitTimes.add(kitTime);
                    plainTimes.add(plainTime);
                }
            }
        }
        return new Comparison("2. migrate and seed (" + schema.name() + ")", kitTimes,
                "CREATE DATABASE + Flyway migrate + seed (plain JDBC)", plainTimes, Target.ratioAtMost(1.2));
    }

    /** The environment of tenants {@code a} and {@code b}, for the per-test rows. */
    Environment environment() {
        return environment;
    }

    private static String id(int run, String key) {
        return UUID.nameUUIDFromBytes(("benchmark run " + run + " tenant " + key).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
