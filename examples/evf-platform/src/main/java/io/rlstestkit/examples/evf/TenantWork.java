package io.rlstestkit.examples.evf;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of work run for one tenant, inside one transaction, on a connection whose tenant context is set.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface TenantWork<T> {

    /**
     * Runs the work. Must not commit, roll back or change auto-commit: the caller owns the transaction.
     *
     * @param connection the connection, in a transaction, with the tenant context set
     * @return the work's result
     * @throws SQLException if a statement fails (the transaction is then rolled back)
     */
    T execute(Connection connection) throws SQLException;
}
