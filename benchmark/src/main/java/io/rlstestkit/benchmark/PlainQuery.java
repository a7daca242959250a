package io.rlstestkit.benchmark;

import io.rlstestkit.internal.database.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The baseline of the per-test rows: {@code SELECT 1} with plain JDBC on a connection that is already open. */
final class PlainQuery implements AutoCloseable {

    static final String NAME = "plain JDBC SELECT 1 on an open connection";

    private final Connection connection;

    PlainQuery(PostgresServer server) throws SQLException {
        connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
    }

    void run() throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
