package io.rlstestkit.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsTest;
import io.rlstestkit.guard.GuardedDataSource;

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

    /** A test's pool and what the application gets from it (the pool, or the guard around it). */
    private record Target(String test, DataSource pool, DataSource served) {
    }

    RoutingDataSource(String beanName, DataSource application) {
        this.beanName = beanName;
        this.application = application;
    }

    /** Routes to the test's database until {@link #close()}. */
    synchronized void open(String test, RlsDatabase database, RlsTest settings) {
        close();
        DataSource pool = pool(test, database);
        DataSource served = pool;
        if (settings != null && settings.guard()) {
            served = database.guarded().around(pool).allowingRoles(settings.guardSystemRoles())
                    .allowingPathsAnnotatedWith(settings.guardSystemPaths());
        }
        current = new Target(test, pool, served);
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

    /** Stops routing: closes the test's pool. */
    synchronized void close() {
        Target target = current;
        current = null;
        if (target != null && target.pool() instanceof HikariDataSource pool) {
            pool.close();
        }
    }

    private DataSource served() throws SQLException {
        Target target = current;
        if (target == null) {
            throw new SQLException("Expecting a connection of data source '" + beanName + "' while a test runs, but no"
                    + " test is running under rls-testkit: each test has its own copy of the database, and the"
                    + " application asked for a connection outside one (while its context started, from a scheduled"
                    + " task between tests, or from a Spring test listener that ran before the kit: a @Transactional"
                    + " test's transaction, @Sql scripts). Connect only from code the test runs (a test method, a"
                    + " @BeforeEach or @AfterEach method); for a @Transactional test or @Sql, declare @RlsTest (or the"
                    + " annotation that composes it) before @SpringBootTest, so that the kit's database is in place"
                    + " before Spring's listeners run.");
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
