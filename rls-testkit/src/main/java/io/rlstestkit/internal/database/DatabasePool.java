package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Copies of one template database, so that every test starts from the migrated and seeded state, also when
 * tests run in parallel. A test that only ran statements in the kit's rolled-back transaction leaves its copy
 * clean: the copy is reused once its sequences are set back. A copy that may hold committed changes is dropped and
 * replaced by a fresh copy of the template, in the background.
 */
@API(status = INTERNAL)
public final class DatabasePool implements AutoCloseable {

    private static final long ACQUIRE_TIMEOUT_SECONDS = 120;

    private final PostgresServer server;
    private final String template;
    private final ExecutorService background;
    private final List<SequenceState> sequences;
    private final BlockingDeque<WorkingDatabase> idle = new LinkedBlockingDeque<>();
    private final List<WorkingDatabase> all = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final int maxSize;
    private volatile KitException backgroundFailure;
    private boolean closed;

    /**
     * A pool of copies of a template.
     *
     * @param server     the server of the template
     * @param template   the template database, migrated and seeded
     * @param connection a connection to the template, which the kit made it on: its sequences are read there, not on
     *                   a connection of their own; the caller closes it before the first copy is made
     * @param background where copies are replaced
     * @param maxSize    how many copies may exist at once (tests running in parallel, plus some in replacement)
     */
    public DatabasePool(PostgresServer server, String template, Connection connection, ExecutorService background,
                        int maxSize) {
        this.server = server;
        this.template = template;
        this.background = background;
        this.maxSize = maxSize;
        this.sequences = readSequences(connection, template);
    }

    /** A clean copy of the template for one test; wait for one where as many as allowed are in use. */
    public WorkingDatabase acquire() {
        WorkingDatabase database = idle.pollFirst();
        if (database != null) {
            return database;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The database pool of " + template + " is closed");
            }
            if (all.size() < maxSize) {
                database = createCopy();
                all.add(database);
                return database;
            }
        }
        try {
            database = idle.pollFirst(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("Interrupted while waiting for a copy of " + template, e);
        }
        if (database == null) {
            KitException failure = backgroundFailure;
            throw new KitException("Expecting a copy of " + template + " within " + ACQUIRE_TIMEOUT_SECONDS
                    + " s, but all " + maxSize + " were in use" + (failure == null ? "" : " or failed: "
                    + failure.getMessage()), failure);
        }
        return database;
    }

    /**
     * Takes a copy back after a test. A clean copy (nothing committed to it) is reused at once; a dirty one is
     * replaced by a fresh copy of the template in the background.
     */
    public void release(WorkingDatabase database, boolean dirty) {
        if (!dirty) {
            try {
                resetSequences(database);
                idle.addFirst(database);
                return;
            } catch (SQLException e) {
                // fall through: replace it
            }
        }
        background.execute(() -> replace(database));
    }

    private void replace(WorkingDatabase database) {
        try {
            database.closeConnections();
            server.dropDatabase(database.name());
            WorkingDatabase copy = createCopy();
            synchronized (this) {
                all.remove(database);
                if (closed) {
                    server.dropDatabase(copy.name());
                    return;
                }
                all.add(copy);
            }
            idle.addLast(copy);
        } catch (KitException e) {
            backgroundFailure = e;
            synchronized (this) {
                all.remove(database);
            }
        }
    }

    private WorkingDatabase createCopy() {
        String name = template + "_" + counter.incrementAndGet();
        server.createDatabase(name, template);
        return new WorkingDatabase(server, name);
    }

    private void resetSequences(WorkingDatabase database) throws SQLException {
        if (sequences.isEmpty()) {
            return;
        }
        Connection connection = database.borrow();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(SequenceState.QUERY)) {
            List<SequenceState> current = new ArrayList<>();
            while (rows.next()) {
                current.add(SequenceState.read(rows));
            }
            for (SequenceState baseline : sequences) {
                SequenceState now = current.stream().filter(s -> s.name().equals(baseline.name())).findFirst()
                        .orElse(null);
                if (!Objects.equals(now, baseline)) {
                    baseline.restore(connection);
                }
            }
        } finally {
            database.giveBack(connection);
        }
    }

    private static List<SequenceState> readSequences(Connection connection, String database) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(SequenceState.QUERY)) {
            List<SequenceState> result = new ArrayList<>();
            while (rows.next()) {
                result.add(SequenceState.read(rows));
            }
            return List.copyOf(result);
        } catch (SQLException e) {
            throw new KitException("Could not read the sequences of " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops every copy on a server the kit does not own; on its own servers, closes their connections. */
    @Override
    public void close() {
        List<WorkingDatabase> copies;
        synchronized (this) {
            closed = true;
            copies = new ArrayList<>(all);
            all.clear();
        }
        idle.clear();
        for (WorkingDatabase copy : copies) {
            copy.closeConnections();
            if (!server.ownedByKit()) {
                server.dropDatabase(copy.name());
            }
        }
    }

    /** The position of a sequence: its last value, or its start where it was never called. */
    private record SequenceState(String name, Long lastValue, long startValue) {

        static final String QUERY = "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value,"
                + " start_value FROM pg_sequences";

        static SequenceState read(ResultSet rows) throws SQLException {
            long last = rows.getLong(2);
            return new SequenceState(rows.getString(1), rows.wasNull() ? null : last, rows.getLong(3));
        }

        void restore(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                statement.setString(1, name);
                statement.setLong(2, lastValue == null ? startValue : lastValue);
                statement.setBoolean(3, lastValue != null);
                statement.execute();
            }
        }
    }
}
