package io.rlstestkit.benchmark;

import io.rlstestkit.RlsSession;
import io.rlstestkit.Tenant;
import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;
import io.rlstestkit.internal.environment.TestRun;

import static io.rlstestkit.RlsAssertions.assertThat;

/**
 * Rows 4 and 5: one table assertion of tenant {@code b} on the rows of tenant {@code a}, as a test writes it, inside
 * one test run that is already warm (its copy acquired, its transaction open, the scopes checked).
 */
final class TableAssertionCost {

    /** A table assertion of a session on a tenant's rows. */
    @FunctionalInterface
    interface TableAssertion {
        void check(RlsSession session, String table, Tenant tenant);
    }

    static final TableAssertion CANNOT_SEE = (session, table, tenant) ->
            assertThat(session).cannotSee(table).rowsOf(tenant);

    static final TableAssertion CANNOT_UPDATE = (session, table, tenant) ->
            assertThat(session).cannotUpdate(table).rowsOf(tenant);

    private static final String SOURCE = TableAssertionCost.class.getName();

    private final Environment environment;
    private final PlainQuery plain;
    private final int warmup;
    private final int iterations;

    TableAssertionCost(Environment environment, PlainQuery plain, int warmup, int iterations) {
        this.environment = environment;
        this.plain = plain;
        this.warmup = warmup;
        this.iterations = iterations;
    }

    Comparison measure(String step, TableAssertion assertion, String table, Target target) throws Exception {
        Tenant a = environment.tenants().get("a");
        Samples kit = new Samples();
        Samples baseline = new Samples();
        try (TestRun run = Environments.instance().startTest(environment.configuration(), SOURCE)) {
            RlsSession b = run.tenant(environment.tenants().get("b"));
            for (int i = 0; i < warmup + iterations; i++) {
                Samples kitSamples = i < warmup ? new Samples() : kit;
                Samples baselineSamples = i < warmup ? new Samples() : baseline;
                kitSamples.time(() -> assertion.check(b, table, a));
                baselineSamples.time(plain::run);
            }
        }
        return new Comparison(step, kit, PlainQuery.NAME, baseline, target);
    }
}
