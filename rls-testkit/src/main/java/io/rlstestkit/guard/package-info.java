/**
 * The tenant-context guard: {@link io.rlstestkit.guard.GuardedDataSource}, a data source around the application's
 * own that fails the test where application code runs a statement on a table with row-level security without a
 * tenant for its transaction, or as a role that bypasses row-level security; {@link io.rlstestkit.guard.SystemPath}
 * marks the paths allowed to run without a tenant. Get a guard from {@code RlsDatabase.guarded()}.
 */
package io.rlstestkit.guard;
