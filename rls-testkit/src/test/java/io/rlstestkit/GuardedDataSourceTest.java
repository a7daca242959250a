package io.rlstestkit;

import io.rlstestkit.guard.GuardedDataSource;
import io.rlstestkit.guard.SystemPath;
import io.rlstestkit.guard.TenantContextViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * The tenant-context guard: application code that runs a statement on a table with row-level security without a
 * tenant for its transaction, or as a role that bypasses row-level security, fails the test with what was in force
 * and who issued it.
 */
@SoundSchema
class GuardedDataSourceTest {

    private GuardedDataSource guarded;
    private String owner;

    @BeforeEach
    void guard(RlsDatabase database) {
        guarded = database.guarded();
        owner = database.user();
    }

    /** Application code: counts invoices in one transaction, as the role and with the tenant it is given. */
    private long countInvoices(String role, String tenant) throws SQLException {
        return count("select count(*) from invoices where amount >= ?", role, tenant);
    }

    private long count(String sql, String role, String tenant) throws SQLException {
        try (Connection connection = guarded.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (tenant != null) {
                    statement.execute("select set_config('app.current_tenant_id', '" + tenant + "', true)");
                }
                if (role != null) {
                    statement.execute("set local role " + role);
                }
            }
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setInt(1, 0);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                } finally {
                    connection.rollback();
                }
            }
        }
    }

    @SystemPath("the health check counts rows across tenants")
    private long healthCheck() throws SQLException {
        return countInvoices("app_user", null);
    }

    /** The message with the line numbers and the kit's user (the owner) replaced: they vary. */
    private String normalized(Throwable failure) {
        return failure.getMessage().replaceAll("\\.java:\\d+\\)", ".java:<line>)")
                .replaceAll("\\b" + owner + "\\b", "<owner>");
    }

    @Test
    void aQueryWithTheTenantSetForItsTransactionPasses() throws SQLException {
        assertThat(countInvoices("app_user", TestSchemas.A_ID)).isEqualTo(3);
    }

    @Test
    void aQueryWithoutTheTenantFailsNamingStatementTableRoleSettingAndCaller() {
        Throwable failure = catchThrowable(() -> countInvoices("app_user", null));

        assertThat(failure).isInstanceOf(TenantContextViolation.class);
        assertThat(normalized(failure)).isEqualTo("""
                Expecting every statement on a table with row-level security to run in a tenant context, but
                  select count(*) from invoices where amount >= ?
                ran on public.invoices without app.current_tenant_id set for its transaction.
                Set it for the transaction first (SELECT set_config('app.current_tenant_id', ?, true), or SET LOCAL), \
                or mark a system path with @SystemPath or an annotation the guard allows.
                  role: app_user (session user <owner>)
                  app.current_tenant_id: not set
                  transaction: open
                  issued by: io.rlstestkit.GuardedDataSourceTest.count(GuardedDataSourceTest.java:<line>)
                      called from io.rlstestkit.GuardedDataSourceTest.countInvoices(GuardedDataSourceTest.java:<line>)
                      called from io.rlstestkit.GuardedDataSourceTest.lambda$aQueryWithoutTheTenantFailsNamingStatementTableRoleSettingAndCaller$0(GuardedDataSourceTest.java:<line>)""");
        assertThat(guarded.violations()).containsExactly(failure.getMessage());
    }

    @Test
    void aRoleThatBypassesRowLevelSecurityFailsEvenWithTheTenantSet() {
        Throwable failure = catchThrowable(() -> countInvoices(null, TestSchemas.A_ID));

        assertThat(failure).isInstanceOf(TenantContextViolation.class);
        assertThat(normalized(failure)).isEqualTo("""
                Expecting every statement on a table with row-level security to run in a tenant context, but
                  select count(*) from invoices where amount >= ?
                ran on public.invoices as role <owner>, which bypasses row-level security on invoices: it is a \
                superuser.
                Connect as (or SET LOCAL ROLE to) a role that row-level security applies to, or allow this role as a \
                system role (allowingRoles("<owner>")) if it is one.
                  role: <owner> (session user <owner>)
                  app.current_tenant_id: '%s'
                  transaction: open
                  issued by: io.rlstestkit.GuardedDataSourceTest.count(GuardedDataSourceTest.java:<line>)
                      called from io.rlstestkit.GuardedDataSourceTest.countInvoices(GuardedDataSourceTest.java:<line>)
                      called from io.rlstestkit.GuardedDataSourceTest.lambda$aRoleThatBypassesRowLevelSecurityFailsEvenWithTheTenantSet$1(GuardedDataSourceTest.java:<line>)"""
                .formatted(TestSchemas.A_ID));
    }

    @Test
    void anAnnotatedSystemPathRunsWithoutTheTenant() throws SQLException {
        assertThat(healthCheck()).isZero();
        assertThat(guarded.violations()).isEmpty();
    }

    @Test
    void aSystemPathDoesNotAllowARoleThatBypassesRowLevelSecurity() {
        Throwable failure = catchThrowable(() -> systemPathAsOwner());

        assertThat(failure).isInstanceOf(TenantContextViolation.class)
                .hasMessageContaining("which bypasses row-level security on invoices: it is a superuser");
    }

    @SystemPath("a health check that connects as the owner: still refused")
    private long systemPathAsOwner() throws SQLException {
        return countInvoices(null, null);
    }

    @Test
    void anAllowedSystemRoleRunsWithoutTheTenantAndOnlyOnceAllowed() throws SQLException {
        Throwable failure = catchThrowable(() -> countInvoices("app_worker", null));
        assertThat(failure).isInstanceOf(TenantContextViolation.class)
                .hasMessageContaining("without app.current_tenant_id set for its transaction")
                .hasMessageContaining("role: app_worker");

        guarded = guarded.allowingRoles("app_worker");
        assertThat(countInvoices("app_worker", null)).isEqualTo(6);
    }

    @Test
    void aTenantLeftAtSessionLevelIsNotATenantForTheTransaction() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select set_config('app.current_tenant_id', '" + TestSchemas.A_ID + "', false)");
            statement.execute("set role app_user");
            Throwable failure = catchThrowable(() -> statement.executeQuery("select count(*) from payments"));

            assertThat(failure).isInstanceOf(TenantContextViolation.class);
            assertThat(normalized(failure)).contains("ran on public.payments with app.current_tenant_id = '"
                    + TestSchemas.A_ID + "' from the session, not from its own transaction (the statement starts"
                    + " one): set without LOCAL, or left on the connection by its previous borrower.",
                    "transaction: none open (the statement starts one)");
        }
    }

    @Test
    void statementsOnTablesWithoutRowLevelSecurityNeedNoTenant() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local role app_user");
            try (ResultSet rows = statement.executeQuery("select count(*) from tenants")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(2);
            }
            statement.execute("select 1");
            connection.rollback();
        }
    }

    @Test
    void writesThroughAViewAndInABatchAreCheckedToo() throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("set local role app_user");
            statement.addBatch("update invoices set note = 'x'");
            Throwable failure = catchThrowable(statement::executeBatch);
            assertThat(failure).isInstanceOf(TenantContextViolation.class)
                    .hasMessageContaining("update invoices set note = 'x'\nran on public.invoices without");
            connection.rollback();
        }
    }

    @Test
    void theGuardChangesNoResult(RlsDatabase database) throws SQLException {
        try (Connection plain = database.dataSource().getConnection();
             Statement statement = plain.createStatement()) {
            plain.setAutoCommit(false);
            statement.execute("select set_config('app.current_tenant_id', '" + TestSchemas.B_ID + "', true)");
            statement.execute("set local role app_user");
            try (ResultSet rows = statement.executeQuery("select count(*) from invoices where amount >= 0")) {
                rows.next();
                assertThat(countInvoices("app_user", TestSchemas.B_ID)).isEqualTo(rows.getLong(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void aViolationOnAThreadThatSwallowsItIsStillRecorded() {
        CompletableFuture.runAsync(() -> {
            try {
                countInvoices("app_user", null);
            } catch (Throwable swallowed) {
                // a background job's executor that logs and goes on
            }
        }).join();

        Throwable failure = catchThrowable(guarded::assertNoViolations);
        assertThat(failure).isInstanceOf(TenantContextViolation.class)
                .hasMessageStartingWith("Expecting no statement without a tenant context, but found 1:")
                .hasMessageContaining("without app.current_tenant_id set for its transaction");
    }

    /** Runs statements on one connection in one transaction, as the role given, and rolls back. */
    private void inOneTransaction(String role, SqlSteps steps) throws SQLException {
        try (Connection connection = guarded.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("set local role " + role);
                steps.run(connection, statement);
            } finally {
                connection.rollback();
            }
        }
    }

    @FunctionalInterface
    private interface SqlSteps {
        void run(Connection connection, Statement statement) throws SQLException;
    }

    private static long countOf(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static final String SET_A = "select set_config('app.current_tenant_id', '" + TestSchemas.A_ID + "', true)";

    @Test
    void aTenantClearedLaterInTheTransactionFailsTheNextStatement() throws SQLException {
        inOneTransaction("app_user", (connection, statement) -> {
            statement.execute(SET_A);
            assertThat(countOf(statement, "select count(*) from invoices")).isEqualTo(3);
            statement.execute("select set_config('app.current_tenant_id', '', true)");

            assertThat(catchThrowable(() -> countOf(statement, "select count(*) from invoices")))
                    .isInstanceOf(TenantContextViolation.class)
                    .hasMessageContaining("ran on public.invoices without app.current_tenant_id set for its"
                            + " transaction.");
        });
    }

    @Test
    void aTenantClearedByAStatementOnATableWithRowLevelSecurityFailsTheNextOne() throws SQLException {
        inOneTransaction("app_user", (connection, statement) -> {
            statement.execute(SET_A);
            assertThat(countOf(statement, "select count(*) from invoices")).isEqualTo(3);
            statement.executeQuery("select set_config('app.current_tenant_id', '', true), count(*) from payments")
                    .close();

            assertThat(catchThrowable(() -> countOf(statement, "select count(*) from invoices")))
                    .isInstanceOf(TenantContextViolation.class)
                    .hasMessageContaining("without app.current_tenant_id set for its transaction");
        });
    }

    @Test
    void aRoleResetLaterInTheTransactionFailsTheNextStatement() throws SQLException {
        inOneTransaction("app_user", (connection, statement) -> {
            statement.execute(SET_A);
            assertThat(countOf(statement, "select count(*) from invoices")).isEqualTo(3);
            statement.execute("reset role");

            assertThat(catchThrowable(() -> countOf(statement, "select count(*) from invoices")))
                    .isInstanceOf(TenantContextViolation.class)
                    .hasMessageContaining("which bypasses row-level security on invoices: it is a superuser");
        });
    }

    @Test
    void aTenantSetInASavepointRolledBackFailsTheNextStatement() throws SQLException {
        inOneTransaction("app_user", (connection, statement) -> {
            Savepoint savepoint = connection.setSavepoint();
            statement.execute(SET_A);
            assertThat(countOf(statement, "select count(*) from invoices")).isEqualTo(3);
            connection.rollback(savepoint);

            assertThat(catchThrowable(() -> countOf(statement, "select count(*) from invoices")))
                    .isInstanceOf(TenantContextViolation.class)
                    .hasMessageContaining("without app.current_tenant_id set for its transaction");
        });
    }

    @Test
    void theGuardReadsTheSessionOncePerTransactionWhileNothingCanHaveChangedIt(RlsDatabase database)
            throws SQLException {
        AtomicInteger reads = new AtomicInteger();
        DataSource counted = countingReads(database.dataSource(), reads);
        guarded = guarded.around(counted);
        inOneTransaction("app_user", (connection, statement) -> {
            statement.execute(SET_A);
            countOf(statement, "select count(*) from invoices");
            countOf(statement, "select count(*) from invoices where amount > 0");
            countOf(statement, "select count(*) from invoices");
            assertThat(reads).hasValue(1);
            countOf(statement, "select count(*) from payments");
            assertThat(reads).hasValue(2);
            statement.execute("select 1");
            countOf(statement, "select count(*) from payments");
            assertThat(reads).hasValue(3);
        });
    }

    /** A data source whose connections count the guard's reads of the session (its query on them). */
    private static DataSource countingReads(DataSource target, AtomicInteger reads) {
        return (DataSource) Proxy.newProxyInstance(GuardedDataSourceTest.class.getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(GuardedDataSourceTest.class.getClassLoader(),
                            new Class<?>[]{Connection.class}, (inner, call, values) -> {
                                if (call.getName().equals("prepareStatement")
                                        && ((String) values[0]).startsWith("SELECT current_user")) {
                                    reads.incrementAndGet();
                                }
                                return invoke(connection, call, values);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** An application's own marker of its system paths. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface Maintenance {
    }

    @Maintenance
    private long maintenanceCount() throws SQLException {
        return countInvoices("app_user", null);
    }

    @Test
    void theApplicationsOwnSystemPathAnnotationCountsOnlyWhereConfigured() {
        assertThat(catchThrowable(this::maintenanceCount)).isInstanceOf(TenantContextViolation.class);
    }

    @Nested
    @RlsTest(migrations = TestSchemas.SOUND, seed = TestSchemas.SEED, tenantRole = "app_user",
            guardSystemRoles = "app_worker", guardSystemPaths = Maintenance.class)
    class WithAllowancesInTheAnnotation {

        @Test
        void guardedAllowsTheConfiguredSystemRoleAndSystemPath(RlsDatabase database) throws SQLException {
            guarded = database.guarded();

            assertThat(countInvoices("app_worker", null)).isEqualTo(6);
            assertThat(maintenanceCount()).isZero();
            assertThat(catchThrowable(() -> countInvoices("app_user", null)))
                    .isInstanceOf(TenantContextViolation.class);
            assertThat(guarded.toString()).contains("system roles [app_worker]", "@Maintenance", "@SystemPath");
        }
    }

    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "owner-without-force"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class OnASchemaWhereTheApplicationRoleOwnsATableWithoutForce {

        @Test
        void theOwnersStatementFailsOnThatTableOnly() throws SQLException {
            Throwable failure = catchThrowable(() -> countInvoices("app_user", TestSchemas.A_ID));

            assertThat(failure).isInstanceOf(TenantContextViolation.class).hasMessageContaining("ran on"
                    + " public.invoices as role app_user, which bypasses row-level security on invoices: it owns the"
                    + " table, whose row-level security is not forced (or row_security is off).");
            assertThat(count("select count(*) from payments where paid >= ?", "app_user", TestSchemas.A_ID))
                    .isEqualTo(3);
        }
    }

    @Nested
    @RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.LEAKS + "bypassrls"}, seed = TestSchemas.SEED,
            tenantRole = "app_user")
    class OnASchemaWhereTheApplicationRoleHasBypassRls {

        @Test
        void everyStatementOnATableWithRowLevelSecurityFails() {
            Throwable failure = catchThrowable(() -> countInvoices("app_user", TestSchemas.A_ID));

            assertThat(failure).isInstanceOf(TenantContextViolation.class).hasMessageContaining("ran on"
                    + " public.invoices as role app_user, which bypasses row-level security on invoices: it has"
                    + " BYPASSRLS.");
        }
    }
}
