package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Queries that set no tenant context, on the same pool as the repository.
 *
 * <ul>
 *   <li>{@link #healthCheck()}: a legitimate system operation ({@code assert_rls_enforced(allow_system=True)}):
 *       {@code SELECT 1} touches no tenant data.</li>
 *   <li>{@link #countVisibleEvfs()} and {@link #currentTenantSetting()}: what a code path that forgot its tenant
 *       context sees (the document's pitfalls 2 and 3: {@code get_db} instead of {@code get_db_with_tenant}, a
 *       background task outside {@code rls_enforced_session}). With {@link TransactionLocalTenantContext} that
 *       is nothing: 0 rows and no setting. With {@link SessionLevelTenantContext} it is whatever tenant last
 *       used the pooled connection.</li>
 * </ul>
 * Each call is one auto-commit statement on a freshly borrowed connection.
 */
public final class UnscopedEvfQueries {

    private final DataSource dataSource;

    /**
     * Creates the queries.
     *
     * @param dataSource the same pool the repository uses
     */
    public UnscopedEvfQueries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The health check: {@code SELECT 1}.
     *
     * @return true if the database answered
     * @throws SQLException if it did not
     */
    public boolean healthCheck() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT 1");
             ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /**
     * {@code SELECT count(*) FROM evf} without setting a tenant.
     *
     * @return how many EVFs a context-free query sees on the next pooled connection (0 when nothing leaks)
     * @throws SQLException if the query fails
     */
    public long countVisibleEvfs() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM evf");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * {@code current_setting('app.current_tenant', true)} on the next pooled connection: the document's
     * {@code pg_stat_activity} audit expects no tenant on a connection outside a unit of work.
     *
     * @return the tenant left on the connection, or empty if none (unset or empty)
     * @throws SQLException if the query fails
     */
    public Optional<String> currentTenantSetting() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement =
                     connection.prepareStatement("SELECT current_setting('" + TenantContext.SETTING + "', true)");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            String value = rs.getString(1);
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        }
    }
}
