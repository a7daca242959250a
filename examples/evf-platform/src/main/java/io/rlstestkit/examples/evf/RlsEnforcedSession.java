package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs a unit of work for one tenant: the platform's {@code rls_enforced_session(session, tenant_id, operation)},
 * used by the request handlers (through {@link EvfRepository}), by background tasks and by agents
 * ({@link EvfComplianceTask}) alike.
 *
 * <p>Each call borrows a connection from the {@link DataSource}, opens a transaction, applies the
 * {@link TenantContext}, reads the setting back (the document's read-back verification), runs the work, and
 * commits (or rolls back on failure) before returning the connection. The DataSource must log in as a role
 * subject to row-level security ({@code evf_app}, or a login role that is a member of it), never as the table
 * owner or a superuser.
 */
public final class RlsEnforcedSession {

    private final DataSource dataSource;
    private final TenantContext tenantContext;

    /**
     * Creates a session runner.
     *
     * @param dataSource    where connections come from (a HikariCP pool in production)
     * @param tenantContext how the tenant is set on each transaction
     */
    public RlsEnforcedSession(DataSource dataSource, TenantContext tenantContext) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tenantContext = Objects.requireNonNull(tenantContext, "tenantContext");
    }

    /**
     * The tenant context this runner applies.
     *
     * @return the tenant context
     */
    public TenantContext tenantContext() {
        return tenantContext;
    }

    /**
     * Runs {@code work} in one transaction with {@code tenantId} as the tenant context.
     *
     * @param tenantId  the tenant to act for; {@code null} is refused ({@code RLS_NOT_ENFORCED})
     * @param operation what the work is, for diagnostics (e.g. {@code "process_evf"})
     * @param work      the work
     * @param <T>       what the work returns
     * @return the work's result, after commit
     * @throws RlsViolationException if {@code tenantId} is null or the setting does not read back
     * @throws SQLException          if a statement fails; the transaction is rolled back
     */
    public <T> T run(UUID tenantId, String operation, TenantWork<T> work) throws SQLException {
        Objects.requireNonNull(work, "work");
        if (tenantId == null) {
            throw new RlsViolationException("RLS_NOT_ENFORCED",
                    "Security violation: database operation '" + operation + "' attempted without tenant context");
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                tenantContext.apply(connection, tenantId);
                verify(connection, tenantId, operation);
                T result = work.execute(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static void verify(Connection connection, UUID tenantId, String operation) throws SQLException {
        try (PreparedStatement statement =
                     connection.prepareStatement("SELECT current_setting('" + TenantContext.SETTING + "', true)");
             ResultSet rs = statement.executeQuery()) {
            String actual = rs.next() ? rs.getString(1) : null;
            if (!tenantId.toString().equals(actual)) {
                throw new RlsViolationException("RLS_VERIFICATION_FAILED", "Read-back of " + TenantContext.SETTING
                        + " gave '" + actual + "' instead of '" + tenantId + "' for operation '" + operation + "'");
            }
        }
    }
}
