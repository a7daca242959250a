package io.rlstestkit;

import javax.sql.DataSource;

/**
 * The test's copy of the database, for connections of the application's own (a connection pool, a repository
 * under test). Injectable into test methods. Connections made this way are outside the test's transaction: they
 * do not see what the test's sessions wrote, and what they commit stays until the test ends; the copy is then
 * replaced by a fresh one.
 * <pre>{@code
 * @Test
 * void repository(RlsDatabase database) {
 *     HikariDataSource pool = new HikariDataSource();
 *     pool.setJdbcUrl(database.jdbcUrl());
 *     pool.setUsername(database.user());
 *     ...
 * }
 * }</pre>
 */
public interface RlsDatabase {

    /** The JDBC URL of the test's copy of the database. */
    String jdbcUrl();

    /** The user the kit logs in as (the owner). */
    String user();

    /** That user's password, or {@code null} where none is needed. */
    String password();

    /** A data source that connects as the kit's user. */
    DataSource dataSource();

    /**
     * A data source that connects as another role, which must be allowed to log in (on the embedded server, any
     * role with LOGIN may, without a password).
     */
    DataSource dataSource(String user, String password);

    /**
     * The tenant-context guard on this database: a data source that fails the test where application code runs a
     * statement on a table with row-level security without the tenant setting (the configuration's, as a tenant
     * scope sets it) set for its transaction, or as a role that bypasses row-level security. It allows what the
     * configuration allows ({@link RlsTest#guardSystemRoles()}, {@link RlsTest#guardSystemPaths()}, or the same on
     * {@link RlsExtension#configure()}), and connects as the kit's user until told otherwise with
     * {@link io.rlstestkit.guard.GuardedDataSource#around(DataSource)}:
     * <pre>{@code
     * GuardedDataSource guarded = database.guarded().around(database.dataSource("app_login", null));
     * }</pre>
     */
    io.rlstestkit.guard.GuardedDataSource guarded();
}
