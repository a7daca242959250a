package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

/**
 * BROKEN, on purpose: {@code SELECT set_config('app.current_tenant', ?, false)}, the bindable form of a plain
 * {@code SET app.current_tenant = '...'}. Once the transaction commits, the setting stays on the connection for
 * the rest of the session. With a pool (HikariCP does not reset custom settings when a connection is returned)
 * the next borrower of that connection inherits the previous tenant: a code path that forgets to set its own
 * tenant (a route using {@code get_db} instead of {@code get_db_with_tenant}, a background task outside
 * {@code rls_enforced_session}) reads and writes the previous tenant's rows instead of none.
 *
 * <p>The document's "relying on implicit context propagation across sessions/transactions" and its
 * {@code pg_stat_activity} audit query (which expects no tenant on idle connections) are about this. Note that a
 * session-level change made in a transaction that rolls back is undone with it; the leak follows a commit.
 */
public final class SessionLevelTenantContext implements TenantContext {

    /** The statement this context runs. */
    public static final String SQL = "SELECT set_config('" + SETTING + "', ?, false)";

    /** Creates the context; it holds no state. */
    public SessionLevelTenantContext() {
    }

    @Override
    public void apply(Connection connection, UUID tenantId) throws SQLException {
        Objects.requireNonNull(tenantId, "tenantId");
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, tenantId.toString());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
            }
        }
    }

    @Override
    public String toString() {
        return "SessionLevelTenantContext[" + SQL + "]";
    }
}
