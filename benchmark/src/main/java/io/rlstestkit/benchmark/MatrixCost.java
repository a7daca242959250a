package io.rlstestkit.benchmark;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.ProviderSettings;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.matrix.Matrix;
import io.rlstestkit.internal.matrix.MatrixNode;
import io.rlstestkit.internal.scope.ScopeDefinitions;
import io.rlstestkit.internal.scope.ScopeTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Row 6: the whole deny matrix, every test run, on the kit's 22-table workspaces fixture whose seed fills one table
 * (the matrix synthesizes the rows of the others), against the same matrix on the same schema seeded by hand in
 * every table. Each run is one test factory: a test run taken from the pool, the matrix's tests made and run, the
 * run closed. The ratio is what synthesis adds.
 */
final class MatrixCost {

    private static final String MIGRATIONS = "rls-testkit/src/test/resources/fixtures/workspaces";
    private static final String SEED = "rls-testkit/src/test/resources/fixtures/seed/workspaces.sql";
    private static final String FULL_SEED = "rls-testkit/src/test/resources/fixtures/seed/workspaces-full.sql";
    private static final String SOURCE = MatrixCost.class.getName();

    /** Measured runs of each kind, after one of each to warm up. */
    private static final int RUNS = 7;

    private final Path root;

    MatrixCost(Path root) {
        this.root = root;
    }

    Comparison measure() throws Exception {
        KitConfiguration synthesized = configuration(SEED);
        KitConfiguration handSeeded = configuration(FULL_SEED);
        Samples kit = new Samples();
        Samples baseline = new Samples();
        for (int run = 0; run <= RUNS; run++) {
            Samples kitSamples = run == 0 ? new Samples() : kit;
            Samples baselineSamples = run == 0 ? new Samples() : baseline;
            kitSamples.time(() -> runMatrix(synthesized));
            baselineSamples.time(() -> runMatrix(handSeeded));
        }
        return new Comparison("9. whole deny matrix, 21 tables, seed fills 1 (rows synthesized)", kit,
                "the same matrix, every table seeded by hand", baseline, Target.ratioAtMost(1.5));
    }

    private static void runMatrix(KitConfiguration configuration) {
        try (TestRun run = Environments.instance().startTest(configuration, SOURCE)) {
            for (MatrixNode node : new Matrix(run).nodes()) {
                execute(node);
            }
        }
    }

    private static void execute(MatrixNode node) {
        if (node.isContainer()) {
            node.children().forEach(MatrixCost::execute);
            return;
        }
        String failure = node.check().get();
        if (failure != null) {
            throw new IllegalStateException("The deny matrix failed on the benchmark's schema, so its time means"
                    + " nothing: " + node.name() + failure);
        }
    }

    private KitConfiguration configuration(String seed) {
        Map<String, Function<Tenant, Object>> settings = Map.of("app.workspace_id", Tenant::id);
        ScopeDefinitions scopes = new ScopeDefinitions(new ScopeTemplate("app_user", settings, null, true),
                new ScopeTemplate(null, Map.of(), null, false), Map.of());
        return new KitConfiguration(List.of("filesystem:" + root.resolve(MIGRATIONS).normalize()), List.of(), Map.of(),
                KitConfigurations.defaultTenants(), "filesystem:" + root.resolve(seed).normalize(), "workspaceId",
                Map.of(), false, scopes, ProviderSettings.EMBEDDED, MatrixCost.class.getClassLoader());
    }
}
