package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

/**
 * The correct tenant context: {@code SELECT set_config('app.current_tenant', ?, true)}, the bindable form of
 * {@code SET LOCAL app.current_tenant = '...'}. The setting lasts until the end of the current transaction,
 * commit or rollback; the pooled connection then goes back with no tenant, and a query without context sees no
 * row (fail closed).
 */
public final class TransactionLocalTenantContext implements TenantContext {

    /** The statement this context runs. */
    public static final String SQL = "SELECT set_config('" + SETTING + "', ?, true)";

    /** Creates the context; it holds no state. */
    public TransactionLocalTenantContext() {
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
        return "TransactionLocalTenantContext[" + SQL + "]";
    }
}
