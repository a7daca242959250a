package io.rlstestkit;

import java.sql.SQLException;

/**
 * A statement run through an {@link RlsSession} failed. Unchecked, so that tests stay short; the cause is the
 * driver's {@link SQLException}, and the message names the scope, the statement, the SQLSTATE and the server's
 * message.
 */
public class RlsSqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /** A failure of a statement, described by a message, caused by the driver's exception. */
    public RlsSqlException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause.getSQLState();
    }

    /** The SQLSTATE of the failure ({@code 42501} for a row-level security violation). */
    public String sqlState() {
        return sqlState;
    }
}
