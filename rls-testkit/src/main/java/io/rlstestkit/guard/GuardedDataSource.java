package io.rlstestkit.guard;

import io.rlstestkit.internal.guard.Guard;
import io.rlstestkit.internal.guard.GuardedConnections;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The tenant-context guard: a {@link DataSource} around the application's own that fails the test when application
 * code runs a statement on a table with row-level security while the tenant setting is not set for that
 * transaction, or while the session's role bypasses row-level security (a superuser, a role with BYPASSRLS, the
 * table's owner without FORCE) and is not an allowed system role. Works for every client library that takes a
 * {@code DataSource}: plain JDBC, Spring's {@code JdbcTemplate}, jOOQ, Hibernate. Get it from
 * {@code RlsDatabase.guarded()}:
 * <pre>{@code
 * @Test
 * void theJobSetsTheTenant(RlsDatabase database) {
 *     GuardedDataSource guarded = database.guarded()
 *             .around(database.dataSource("app_login", null))
 *             .allowingRoles("app_worker")
 *             .allowingPathsAnnotatedWith(SystemOperation.class);
 *     new ComplianceJob(guarded).run(); // fails with TenantContextViolation where a statement has no tenant
 * }
 * }</pre>
 * <h2>What it checks</h2>
 * Before each statement, the guard finds the tables the statement reads or writes (from the plan PostgreSQL makes
 * for it, {@code EXPLAIN}, on a connection of its own, once per statement text) and, where one has row-level
 * security, asks the application's connection, in the statement's own transaction, for the role in force, whether
 * row-level security applies to it ({@code row_security_active}), and the tenant setting: once per transaction,
 * read again after anything that could have changed them (a statement on no table with row-level security, such as
 * {@code SET} or {@code set_config}; one whose text calls {@code set_config}; a commit, a rollback, a savepoint).
 * The statement then runs unchanged, or fails with a {@link TenantContextViolation} that names the statement, the
 * table, the role and settings in force, and the application's stack frame that issued it. The guard never rewrites a statement and
 * never runs one that writes.
 * <h2>Allowances</h2>
 * A missing tenant context is allowed on a system path: a method or class on the stack annotated with
 * {@link SystemPath} or an annotation named with {@link #allowingPathsAnnotatedWith(Class[])}. Anything is allowed
 * to a system role named with {@link #allowingRoles(String...)} (the worker's, the migration owner's). There is no
 * switch that turns the guard off.
 * <h2>Violations on other threads</h2>
 * A violation is thrown where the statement runs; a background job's executor may swallow it. Every violation is
 * also recorded: {@link #assertNoViolations()} fails with each of them.
 */
public final class GuardedDataSource implements DataSource {

    private final Guard guard;
    private final DataSource application;

    private GuardedDataSource(Guard guard, DataSource application) {
        this.guard = guard;
        this.application = application;
    }

    /**
     * A guard around an application's data source; {@code RlsDatabase.guarded()} is the usual way to get one.
     *
     * @param application   the application's data source, whose connections the guard checks
     * @param owner         a data source that connects as the database owner, for the guard's own {@code EXPLAIN}
     * @param tenantSetting the setting that must be set for a statement's transaction
     *                      ({@code app.current_tenant_id})
     */
    public static GuardedDataSource of(DataSource application, DataSource owner, String tenantSetting) {
        if (tenantSetting == null || tenantSetting.isBlank()) {
            throw new IllegalArgumentException("Expecting the name of the tenant setting the guard requires"
                    + " (app.current_tenant_id, say), but was: " + tenantSetting + ". Configure the tenant setting"
                    + " of @RlsTest, or name it with requiringSetting(name).");
        }
        return new GuardedDataSource(new Guard(owner, tenantSetting, Set.of(), Set.of(SystemPath.class)),
                application);
    }

    /** The same guard around another data source of the application's (its connection pool). */
    public GuardedDataSource around(DataSource application) {
        return new GuardedDataSource(guard, application);
    }

    /** The guard, also allowing these roles to run anything: system roles (the worker's, the migrations'). */
    public GuardedDataSource allowingRoles(String... roles) {
        Set<String> allowed = new LinkedHashSet<>(guard.systemRoles());
        allowed.addAll(Arrays.asList(roles));
        return new GuardedDataSource(guard.withSystemRoles(allowed), application);
    }

    /**
     * The guard, also allowing a missing tenant context where a method or class on the stack carries one of these
     * annotations (besides {@link SystemPath}): the application's own marker of its system paths.
     */
    @SafeVarargs
    public final GuardedDataSource allowingPathsAnnotatedWith(Class<? extends Annotation>... annotations) {
        Set<Class<? extends Annotation>> allowed = new LinkedHashSet<>(guard.systemPaths());
        allowed.addAll(Arrays.asList(annotations));
        return new GuardedDataSource(guard.withSystemPaths(allowed), application);
    }

    /** The guard, requiring this setting instead of the configuration's tenant setting. */
    public GuardedDataSource requiringSetting(String tenantSetting) {
        return new GuardedDataSource(guard.withTenantSetting(tenantSetting), application);
    }

    /** The messages of every violation so far, of this guard and every guard derived from the same one. */
    public List<String> violations() {
        return guard.violations();
    }

    /**
     * Returns the violations so far and forgets them: a test that expects a violation, and has asserted it, takes it
     * so that a later {@link #assertNoViolations()} (or the Spring module's check after each test) does not report
     * it again.
     */
    public List<String> takeViolations() {
        return guard.takeViolations();
    }

    /** Fails with every violation so far (those on threads that swallowed them too). */
    public void assertNoViolations() {
        List<String> violations = violations();
        if (!violations.isEmpty()) {
            throw new TenantContextViolation("Expecting no statement without a tenant context, but found "
                    + violations.size() + ":\n\n" + String.join("\n\n", violations));
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return GuardedConnections.wrap(application.getConnection(), guard);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return GuardedConnections.wrap(application.getConnection(username, password), guard);
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return application.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || application.isWrapperFor(type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return application.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        application.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        application.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return application.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return application.getParentLogger();
    }

    @Override
    public String toString() {
        return "GuardedDataSource[" + guard + " around " + application + "]";
    }
}
