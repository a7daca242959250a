/**
 * rls-testkit: prove that PostgreSQL row-level security isolates tenants, in JUnit 5 tests.
 *
 * <p>Annotate a test class with {@link io.rlstestkit.RlsTest} (or register {@link io.rlstestkit.RlsExtension}
 * programmatically), inject sessions in scopes ({@link io.rlstestkit.AsTenant}, {@link io.rlstestkit.AsWorker},
 * {@link io.rlstestkit.AsOwner}, {@link io.rlstestkit.AsScope}) and the {@link io.rlstestkit.Tenants}, and check
 * them with {@link io.rlstestkit.RlsAssertions}:
 * <pre>{@code
 * @RlsTest(seed = "classpath:db/seed/tenant.sql", tenantRole = "app_user")
 * class InvoicesRlsTest {
 *     @Test
 *     void tenantsAreIsolated(@AsTenant("b") RlsSession b, Tenants tenants) {
 *         assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
 *     }
 * }
 * }</pre>
 * Beyond the checks a test writes: {@link io.rlstestkit.RlsAudit} reads the catalog for mistakes a deny test cannot
 * see, {@link io.rlstestkit.DenyMatrix} denies every tenant every other tenant's rows in every table, and a coverage
 * report of which (table, command) pairs the run's assertions exercised is written to {@code target/rls-testkit/}
 * when the run ends, with an optional minimum ({@link io.rlstestkit.RlsExtension#COVERAGE_MINIMUM_KEY}).
 *
 * <p>Everything in this package and in {@code io.rlstestkit.assertion} is public API; {@code io.rlstestkit.internal}
 * is not.
 */
package io.rlstestkit;
