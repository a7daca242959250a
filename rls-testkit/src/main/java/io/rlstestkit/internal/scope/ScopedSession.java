package io.rlstestkit.internal.scope;

import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsSqlException;
import io.rlstestkit.Tenant;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/** A session: a scope on the test's transaction. */
@API(status = INTERNAL)
public final class ScopedSession implements RlsSession {

    private final TestTransaction transaction;
    private final Scope scope;
    private final String description;
    private final SessionContext context;

    public ScopedSession(TestTransaction transaction, Scope scope, String description, SessionContext context) {
        this.transaction = transaction;
        this.scope = scope;
        this.description = description;
        this.context = context;
    }

    /** What the session knows of its test. */
    public SessionContext context() {
        return context;
    }

    /** The test's transaction. */
    public TestTransaction transaction() {
        return transaction;
    }

    /** The scope. */
    public Scope scope() {
        return scope;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Tenant tenant() {
        return scope.tenant();
    }

    @Override
    public String role() {
        return scope.role();
    }

    @Override
    public Map<String, String> settings() {
        return scope.settings();
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... args) {
        try {
            return transaction.run(scope, connection -> {
                transaction.sessionStatement(sql);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    Rows.bind(statement, args);
                    try (ResultSet rows = statement.executeQuery()) {
                        return Rows.read(rows);
                    }
                }
            });
        } catch (SQLException e) {
            throw failure(sql, args, e);
        }
    }

    @Override
    public int update(String sql, Object... args) {
        try {
            return transaction.run(scope, connection -> {
                transaction.sessionStatement(sql);
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    Rows.bind(statement, args);
                    statement.execute();
                    return Math.max(statement.getUpdateCount(), 0);
                }
            });
        } catch (SQLException e) {
            throw failure(sql, args, e);
        }
    }

    private RlsSqlException failure(String sql, Object[] args, SQLException e) {
        return new RlsSqlException("[" + description + "] statement failed:\n  <" + sql + ">"
                + (args.length == 0 ? "" : " with " + Rows.describeArguments(args))
                + "\n  " + e.getSQLState() + " " + e.getMessage(), e);
    }

    @Override
    public Connection connection() {
        return ScopedConnection.create(transaction, scope);
    }

    @Override
    public String toString() {
        return description;
    }
}
