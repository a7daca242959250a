package io.rlstestkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/** The pool check: application code must leave no role or setting on the connection for the next borrower. */
@SoundSchema
class PooledConnectionsTest {

    private HikariDataSource pool;

    @BeforeEach
    void pool(RlsDatabase database) {
        pool = pool(database, null);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private static HikariDataSource pool(RlsDatabase database, String initSql) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setMaximumPoolSize(1);
        config.setConnectionInitSql(initSql);
        return new HikariDataSource(config);
    }

    /** Application code: one unit of work for a tenant, with the tenant set as the code chooses. */
    private void unitOfWork(Tenant tenant, boolean transactionLocal) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement set = connection.prepareStatement(
                    "select set_config('app.current_tenant_id', ?, " + transactionLocal + ")");
                 Statement work = connection.createStatement()) {
                set.setString(1, tenant.id().toString());
                set.execute();
                work.execute("set local role app_user");
                work.executeQuery("select count(*) from invoices").close();
            }
            connection.commit();
        }
    }

    @Test
    void aTransactionLocalTenantLeavesNothing(Tenants tenants) {
        assertThat(pool).handsOutCleanConnectionsAfter(() -> unitOfWork(tenants.get("a"), true));
    }

    @Test
    void aSessionLevelTenantStaysForTheNextBorrower(Tenants tenants) {
        Throwable failure = catchThrowable(() -> assertThat(pool).handsOutCleanConnectionsAfter(
                () -> unitOfWork(tenants.get("a"), false)));
        assertThat(failure).isInstanceOf(AssertionError.class);
        assertThat(failure.getMessage().replaceFirst("connection \\d+", "connection <pid>")).isEqualTo("""

                Expecting the connections the pool hands out after the application code ran to carry nothing of it,
                but connection <pid> (backend pid) carries:
                  app.current_tenant_id = '%s' (set at session level: SET without LOCAL, or \
                set_config(name, value, false))
                The next borrower runs with what the earlier one set: a request of one tenant would run as another. \
                Set it transaction-local (SET LOCAL, set_config(name, value, true)), or reset it before the connection \
                goes back to the pool.""".formatted(TestSchemas.A_ID));
    }

    @Test
    void aRoleSetForTheSessionStaysForTheNextBorrower() {
        assertThatThrownBy(() -> assertThat(pool).handsOutCleanConnectionsAfter(() -> {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("set role app_user");
            }
        })).hasMessageContaining("carries:\n  role app_user (SET ROLE at session level; it logged in as postgres)");
    }

    @Test
    void whatEveryConnectionGetsFromThePoolsSetUpIsNoLeftover(RlsDatabase database, Tenants tenants) {
        try (HikariDataSource asApp = pool(database, "set role app_user")) {
            assertThat(asApp).borrowing(1).handsOutCleanConnectionsAfter(() -> {
                try (Connection connection = asApp.getConnection(); Statement statement = connection.createStatement()) {
                    statement.executeQuery("select count(*) from invoices").close();
                }
            });
        }
    }
}
