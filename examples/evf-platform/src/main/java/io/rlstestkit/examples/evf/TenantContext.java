package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * How a unit of work tells PostgreSQL which tenant it acts for: it sets {@value #SETTING}, which the
 * {@code tenant_isolation} policies read with {@code nullif(current_setting('app.current_tenant', true), '')::uuid}.
 *
 * <p>Two implementations exist so that a test can swap one for the other:
 * <ul>
 *   <li>{@link TransactionLocalTenantContext}: the platform's way ({@code SET LOCAL}); the setting ends with the
 *       transaction.</li>
 *   <li>{@link SessionLevelTenantContext}: the broken way ({@code SET}); the setting outlives the transaction and
 *       is inherited by the next borrower of the pooled connection.</li>
 * </ul>
 */
public interface TenantContext {

    /** The setting the policies read. */
    String SETTING = "app.current_tenant";

    /**
     * Sets the tenant on the connection. Called inside the unit of work's transaction (auto-commit off), before
     * any query.
     *
     * @param connection the connection of the unit of work
     * @param tenantId   the tenant to act for
     * @throws SQLException if the setting cannot be set
     */
    void apply(Connection connection, UUID tenantId) throws SQLException;
}
