package io.rlstestkit.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rlstestkit.RlsDatabase;
import io.rlstestkit.TestDatabaseListener;
import io.rlstestkit.guard.GuardedDataSource;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The application's {@code DataSource} bean in a test: connections come from the current test's database, through
 * a pool configured as the application configured its own (a copy of its HikariCP configuration with the test's
 * URL), behind the tenant-context guard where the test asks for it. {@code unwrap(HikariDataSource.class)} returns
 * the current test's pool, {@code unwrap(GuardedDataSource.class)} its guard.
 */
final class RoutingDataSource implements DataSource {

    private final String beanName;
    private final DataSource application;
    private volatile Target current;

    /**
     * A test's pool and what the application gets from it (the pool, or the guard around it).
     *
     * @param id   the test's unique id
     * @param test the test's name, for the pool's name and messages
     */
    private record Target(String id, String test, DataSource pool, DataSource served) {
    }

    RoutingDataSource(String beanName, DataSource application) {
        this.beanName = beanName;
        this.application = application;
    }

    /**
     * Routes to the test's database until {@link #close(String)}, behind the guard where the test's configuration
     * asks for it; nothing where it already routes to it (the kit's listener opens every routing data source of the
     * context before the test's {@code @BeforeEach} methods; one may have opened itself earlier, when Spring's
     * extension connected in its {@code beforeEach}).
     *
     * @return whether it opened now
     */
    synchronized boolean open(ExtensionContext context, RlsDatabase database) {
        Target target = current;
        if (target != null && target.id().equals(context.getUniqueId())) {
            return false;
        }
        close();
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        DataSource pool = pool(test, database);
        DataSource served = TestDatabaseListener.guardsApplication(database)
                ? database.guarded().around(pool) : pool;
        current = new Target(context.getUniqueId(), test, pool, served);
        return true;
    }

    private DataSource pool(String test, RlsDatabase database) {
        if (!(application instanceof HikariDataSource own)) {
            return database.dataSource();
        }
        HikariConfig config = new HikariConfig();
        own.copyStateTo(config);
        config.setJdbcUrl(database.jdbcUrl());
        config.setDataSource(null);
        config.setDataSourceClassName(null);
        if (config.getUsername() == null || config.getUsername().isBlank()) {
            config.setUsername(database.user());
            config.setPassword(database.password());
        }
        config.setPoolName((own.getPoolName() == null ? beanName : own.getPoolName()) + " for " + test);
        return new HikariDataSource(config);
    }

    /** The guard's violations of the current test, as one message; {@code null} where none or unguarded. */
    String violations() {
        Target target = current;
        if (target == null || !(target.served() instanceof GuardedDataSource guard) || guard.violations().isEmpty()) {
            return null;
        }
        return String.join("\n\n", guard.violations());
    }

    /** Stops routing to a test: closes its pool, unless another test's is in place already. */
    synchronized void close(String id) {
        Target target = current;
        if (target != null && target.id().equals(id)) {
            close();
        }
    }

    /** Stops routing: closes the test's pool. */
    private synchronized void close() {
        Target target = current;
        current = null;
        if (target != null && target.pool() instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    private DataSource served() throws SQLException {
        Target target = current;
        if (target == null && SpringTestRouting.openStartingTest(this)) {
            target = current;
        }
        if (target == null) {
            throw new SQLException("Expecting a connection of data source '" + beanName + "' while a test runs, but no"
                    + " test is running under rls-testkit: each test has its own copy of the database, and the"
                    + " application asked for a connection outside one (while its context started, from a scheduled"
                    + " task between tests, from a @BeforeAll or @AfterAll method). Connect only from code a test runs:"
                    + " a test method, a @BeforeEach or @AfterEach method, Spring's test listeners (a @Transactional"
                    + " test's transaction, @Sql scripts). Where that is what connected, JUnit did not evaluate the"
                    + " kit's RlsExtension as a condition before the test (junit.jupiter.conditions.deactivate names"
                    + " it, or it is registered on an instance field, not a static one): register it on a static field,"
                    + " or declare @RlsTest before @SpringBootTest, so that JUnit runs the kit's extension first.");
        }
        return target.served();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return served().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return served().getConnection(username, password);
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return served().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        Target target = current;
        return type.isInstance(this) || (target != null && target.served().isWrapperFor(type));
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
        Target target = current;
        return "rls-testkit routing data source '" + beanName + "' (" + (target == null ? "no test" : target.test())
                + ")";
    }
}
