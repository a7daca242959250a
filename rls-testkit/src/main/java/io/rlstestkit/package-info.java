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
 * Everything in this package and in {@code io.rlstestkit.assertion} is public API; {@code io.rlstestkit.internal}
 * is not.
 */
package io.rlstestkit;
