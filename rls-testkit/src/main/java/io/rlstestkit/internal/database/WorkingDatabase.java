package io.rlstestkit.internal.database;

import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A copy of a configuration's migrated and seeded template database, lent to one test at a time. It keeps the
 * kit's connections to it open between tests, so that a test does not pay for connecting.
 */
@API(status = INTERNAL)
public final class WorkingDatabase {

    private final PostgresServer server;
    private final String name;
    private final Deque<Connection> idle = new ArrayDeque<>();

    WorkingDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** The server it lives on. */
    public PostgresServer server() {
        return server;
    }

    /** The database's JDBC URL. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** A connection as the kit's user: an idle one of this database, or a new one. */
    public synchronized Connection borrow() throws SQLException {
        while (!idle.isEmpty()) {
            Connection connection = idle.pop();
            if (!connection.isClosed()) {
                return connection;
            }
        }
        return server.connect(name);
    }

    /** Takes a connection back, to lend it again; it must be out of any transaction, with auto-commit on. */
    public synchronized void giveBack(Connection connection) {
        idle.push(connection);
    }

    /** Closes the idle connections. */
    synchronized void closeConnections() {
        for (Connection connection : idle) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the database is being replaced or dropped
            }
        }
        idle.clear();
    }

    @Override
    public String toString() {
        return name + " on " + server.description();
    }
}
