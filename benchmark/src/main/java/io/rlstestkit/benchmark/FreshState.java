package io.rlstestkit.benchmark;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.TestRun;

/**
 * Row 3: the fresh state between two tests. Closing the run of a test that only used the kit's transaction
 * (rollback, the copy given back, its sequences set back), then starting the next run up to and including its
 * first statement ({@code SELECT 1}) in tenant {@code b}'s scope: the copy is acquired, the transaction opened, the
 * scope activated.
 */
final class FreshState {

    private static final String SOURCE = FreshState.class.getName();

    private final Environment environment;
    private final PlainQuery plain;
    private final int warmup;
    private final int iterations;

    FreshState(Environment environment, PlainQuery plain, int warmup, int iterations) {
        this.environment = environment;
        this.plain = plain;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    Comparison measure() throws Exception {
        Tenant b = environment.tenants().get("b");
        Samples kit = new Samples();
        Samples baseline = new Samples();
        TestRun[] run = {Environments.instance().startTest(environment.configuration(), SOURCE)};
        run[0].tenant(b).query("SELECT 1");
        try {
            for (int i = 0; i < warmup + iterations; i++) {
                Samples kitSamples = i < warmup ? new Samples() : kit;
                Samples baselineSamples = i < warmup ? new Samples() : baseline;
                kitSamples.time(() -> {
                    run[0].close();
                    run[0] = Environments.instance().startTest(environment.configuration(), SOURCE);
                    run[0].tenant(b).query("SELECT 1");
                });
                baselineSamples.time(plain::run);
            }
        } finally {
            run[0].close();
        }
        return new Comparison("3. fresh state for one test", kit, PlainQuery.NAME, baseline,
                Target.millisAtMost(15));
    }
}
