package io.rlstestkit.assertion;

import io.rlstestkit.internal.probe.SessionState;
import io.rlstestkit.internal.report.Plurals;
import org.assertj.core.api.AbstractAssert;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an application's connection pool: application code that sets a tenant (or a role) for its work must not
 * leave it on the connection for the next borrower. Give it the application's own {@link DataSource} (a HikariCP
 * pool on the test's database, see {@code RlsDatabase}):
 * <pre>{@code
 * assertThat(pool).handsOutCleanConnectionsAfter(() -> repository.listEvfs(tenantA));
 * }</pre>
 * It borrows connections before the code runs (the baseline: a role or setting every connection gets from the
 * pool's own set-up is not a leftover), runs the code, then borrows the connections handed out next and fails where
 * one carries a role, a session-level setting or an open transaction that it did not carry before.
 */
public class PooledConnectionsAssert extends AbstractAssert<PooledConnectionsAssert, DataSource> {

    private int connections = 1;

    /** Assertions on a pool. */
    public PooledConnectionsAssert(DataSource actual) {
        super(actual, PooledConnectionsAssert.class);
    }

    /**
     * How many connections to borrow at once when looking; default 1, the next one handed out. Borrow as many as
     * the pool holds to look at every connection.
     */
    public PooledConnectionsAssert borrowing(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("Expecting at least 1 connection to borrow, but got " + connections);
        }
        this.connections = connections;
        return this;
    }

    /**
     * Runs the application code, then checks that the connections the pool hands out next carry nothing of it.
     *
     * @param code the application code, which borrows from the pool and gives back
     */
    public PooledConnectionsAssert handsOutCleanConnectionsAfter(ApplicationCode code) {
        isNotNull();
        Map<Integer, SessionState> before = look();
        try {
            code.run();
        } catch (Exception e) {
            throw new AssertionError("Expecting the application code to run, but it failed: " + e, e);
        }
        Map<Integer, SessionState> after = look();
        SessionState any = before.values().iterator().next();
        List<String> leaks = new ArrayList<>();
        for (SessionState state : after.values()) {
            String leftovers = state.leftoversSince(before.getOrDefault(state.pid(), any));
            if (!leftovers.isEmpty()) {
                leaks.add("connection " + state.pid() + " (backend pid) carries:" + leftovers);
            }
        }
        if (!leaks.isEmpty()) {
            throw failure(Failures.literal("\nExpecting the connections the pool hands out after the application code"
                    + " ran to carry nothing of it,\nbut " + String.join("\nand ", leaks) + "\nThe next borrower runs"
                    + " with what the earlier one set: a request of one tenant would run as another. Set it"
                    + " transaction-local (SET LOCAL, set_config(name, value, true)), or reset it before the connection"
                    + " goes back to the pool."));
        }
        return this;
    }

    private Map<Integer, SessionState> look() {
        List<Connection> borrowed = new ArrayList<>();
        Map<Integer, SessionState> states = new LinkedHashMap<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = actual.getConnection();
                borrowed.add(connection);
                SessionState state = SessionState.of(connection);
                states.put(state.pid(), state);
            }
            return states;
        } catch (SQLException e) {
            throw new AssertionError("Expecting to borrow " + Plurals.count(connections, "connection")
                    + " from the pool, but: " + e.getMessage(), e);
        } finally {
            for (Connection connection : borrowed) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // given back, or broken: either way no longer ours
                }
            }
        }
    }

    /** Application code run between the two looks at the pool. */
    @FunctionalInterface
    public interface ApplicationCode {
        /** Runs the code. */
        void run() throws Exception;
    }
}
