package io.rlstestkit.internal.scope;

import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.database.WorkingDatabase;
import org.apiguardian.api.API;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.AutoSave;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The one transaction of a test: one connection to the test's copy of the database, shared by every session of
 * the test. Before a statement of a session runs, its scope is made active with {@code set_config(..., true)}:
 * transaction-local, so nothing of it survives the test. Settings a scope does not set read as {@code ''}, as they
 * do on a pooled connection after a transaction that set them. At the end the transaction is rolled back.
 */
@API(status = INTERNAL)
public final class TestTransaction implements AutoCloseable {

    private final WorkingDatabase database;
    private final Connection connection;
    private final List<String> knownSettings;
    private final Map<String, String> initialValues;
    private final String sessionUser;
    private final PreparedStatement activation;
    private final SessionSettings sessionSettings;
    private final Map<String, Object> lookups = new HashMap<>();
    private Scope active;
    private int isolatedDepth;
    private boolean sessionStatementsRan;
    private boolean dirty;
    private boolean closed;

    private TestTransaction(WorkingDatabase database, Connection connection, List<String> knownSettings,
                            Map<String, String> initialValues, String sessionUser) throws SQLException {
        this.database = database;
        this.connection = connection;
        this.knownSettings = knownSettings;
        this.initialValues = initialValues;
        this.sessionUser = sessionUser;
        StringBuilder sql = new StringBuilder("SELECT set_config('role', ?, true)");
        for (int i = 0; i < knownSettings.size(); i++) {
            sql.append(", set_config(?, ?, true)");
        }
        this.activation = connection.prepareStatement(sql.toString());
        this.sessionSettings = new SessionSettings(knownSettings);
    }

    /** Opens the transaction of a test on its copy of the database. */
    public static TestTransaction open(WorkingDatabase database, Set<String> knownSettings) throws SQLException {
        Connection connection = database.borrow();
        try {
            connection.setAutoCommit(true);
            String sessionUser;
            Map<String, String> initial = new HashMap<>();
            List<String> builtIn = knownSettings.stream().filter(name -> !name.contains(".")).toList();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT session_user")) {
                row.next();
                sessionUser = row.getString(1);
            }
            for (String name : builtIn) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT current_setting(?)")) {
                    statement.setString(1, name);
                    try (ResultSet row = statement.executeQuery()) {
                        row.next();
                        initial.put(name, row.getString(1));
                    }
                }
            }
            connection.setAutoCommit(false);
            connection.unwrap(PGConnection.class).setAutosave(AutoSave.ALWAYS);
            return new TestTransaction(database, connection, new ArrayList<>(new LinkedHashSet<>(knownSettings)),
                    initial, sessionUser);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The user the kit logged in as: the owner scope's user. */
    public String sessionUser() {
        return sessionUser;
    }

    /** The test's copy of the database. */
    public WorkingDatabase database() {
        return database;
    }

    /** Runs work on the connection in a scope. */
    public synchronized <T> T run(Scope scope, SqlWork<T> work) throws SQLException {
        activate(scope);
        return work.run(connection);
    }

    /**
     * Notes that a session's own statement runs in the active scope: a setting or role it changes is the session's
     * state, which stays in effect for the scope's later statements (even where the statement's data is rolled
     * back) and which no other scope sees.
     */
    public synchronized void sessionStatement(String sql) {
        lookups.clear();
        sessionSettings.watch(sql);
        sessionStatementsRan = true;
    }

    /**
     * Runs work inside a savepoint and rolls back to it afterwards, whether the work failed or not: the work leaves
     * no trace, and the scope active before it is active again.
     */
    public synchronized <T> T isolated(SqlWork<T> work) throws SQLException {
        checkOpen();
        Scope before = active;
        String savepoint = "rlstestkit_isolated_" + (++isolatedDepth);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SAVEPOINT " + savepoint);
        }
        try {
            return work.run(connection);
        } finally {
            isolatedDepth--;
            boolean captured = captureSessionState();
            // Rolled back and released in one round trip: a table check runs a handful of statements, each counts.
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK TO SAVEPOINT " + savepoint + "; RELEASE SAVEPOINT " + savepoint);
            }
            // The rollback undid what the session's statements set: where it was read, activate it again.
            active = captured ? null : before;
        }
    }

    /**
     * A lookup of the catalog kept for the rest of the test, until a statement of the test's own runs (which may
     * change the schema or the {@code search_path}): a test's table checks look the same tables up again and again.
     * Where the lookup finds nothing ({@code null}), nothing is kept.
     *
     * @param key    what is looked up ({@code table invoices})
     * @param lookup the lookup, on the transaction's connection
     */
    public synchronized <T> T lookup(String key, SqlWork<T> lookup) throws SQLException {
        checkOpen();
        Object kept = lookups.get(key);
        if (kept == null) {
            kept = lookup.run(connection);
            if (kept != null) {
                lookups.put(key, kept);
            }
        }
        @SuppressWarnings("unchecked")
        T value = (T) kept;
        return value;
    }

    /** The catalog as the owner sees it. */
    public synchronized Catalog ownerCatalog(Scope owner) throws SQLException {
        activate(owner);
        return new Catalog(connection);
    }

    /** Makes a scope active, unless it is already. */
    public synchronized void activate(Scope scope) throws SQLException {
        checkOpen();
        BaseConnection base = connection.unwrap(BaseConnection.class);
        if (active != null && base.getTransactionState() == TransactionState.IDLE) {
            // A statement ended the transaction (a COMMIT in SQL text): it may have committed changes, and the
            // transaction-local scope is gone with it.
            dirty = true;
            active = null;
        }
        if (scope.equals(active)) {
            return;
        }
        captureSessionState();
        Map<String, String> own = sessionSettings.of(scope);
        sessionSettings.applyOthers(connection, scope);
        Map<String, String> values = activationValues(scope);
        activation.setString(1, own.getOrDefault("role", values.get("role")));
        int index = 2;
        for (String name : knownSettings) {
            activation.setString(index++, name);
            activation.setString(index++, own.getOrDefault(name, values.get(name)));
        }
        activation.execute();
        active = scope;
    }

    /** The role and settings that activating a scope sets, before anything its statements changed. */
    private Map<String, String> activationValues(Scope scope) {
        Map<String, String> values = new HashMap<>();
        values.put("role", scope.role() == null ? "none" : scope.role());
        for (String name : knownSettings) {
            String value = scope.settings().get(name);
            values.put(name, value != null ? value : name.contains(".") ? "" : initialValues.get(name));
        }
        return values;
    }

    /** Reads what the session statements that ran in the active scope changed; whether it read anything. */
    private boolean captureSessionState() throws SQLException {
        if (!sessionStatementsRan || active == null) {
            return false;
        }
        sessionStatementsRan = false;
        sessionSettings.capture(connection, active, activationValues(active));
        return true;
    }

    /** Whether committed changes may have reached the database: it must then be replaced before the next test. */
    public synchronized boolean dirty() {
        return dirty;
    }

    /** Records that something outside the transaction may have changed the database. */
    public synchronized void markDirty() {
        dirty = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The test's transaction is over: sessions live as long as their test");
        }
    }

    /** Rolls the transaction back and returns the connection; nothing of the test stays on it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            activation.close();
            connection.rollback();
            connection.unwrap(PGConnection.class).setAutosave(AutoSave.NEVER);
            connection.setAutoCommit(true);
            database.giveBack(connection);
        } catch (SQLException e) {
            dirty = true;
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
        }
    }

    /** Work on a connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
