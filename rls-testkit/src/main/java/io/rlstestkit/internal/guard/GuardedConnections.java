package io.rlstestkit.internal.guard;

import org.apiguardian.api.API;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Connections and statements that ask the {@link Guard} before each statement runs, then run it unchanged. JDK
 * proxies: the JDBC interfaces have hundreds of methods, and every one but those that run SQL passes through. Each
 * connection has a {@link TransactionMemo}, which the connection methods that end a transaction (or part of one)
 * clear.
 */
@API(status = INTERNAL)
public final class GuardedConnections {

    private static final Set<String> EXECUTE = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate");
    private static final Set<String> EXECUTE_BATCH = Set.of("executeBatch", "executeLargeBatch");
    /** Connection methods after which what the guard read in the transaction may no longer hold. */
    private static final Set<String> ENDS_TRANSACTION = Set.of("commit", "rollback", "setAutoCommit", "setSavepoint",
            "releaseSavepoint", "close", "abort", "setTransactionIsolation", "setReadOnly");

    private GuardedConnections() {
    }

    /** The connection, guarded. */
    public static Connection wrap(Connection connection, Guard guard) {
        return (Connection) Proxy.newProxyInstance(GuardedConnections.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new ConnectionHandler(connection, guard));
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;
        private final Guard guard;
        private final TransactionMemo memo = new TransactionMemo();

        ConnectionHandler(Connection connection, Guard guard) {
            this.connection = connection;
            this.guard = guard;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (ENDS_TRANSACTION.contains(method.getName())) {
                memo.forget();
            }
            Object result = call(connection, method, args);
            Class<?> type;
            String sql = null;
            switch (method.getName()) {
                case "createStatement" -> type = Statement.class;
                case "prepareStatement" -> {
                    type = PreparedStatement.class;
                    sql = (String) args[0];
                }
                case "prepareCall" -> {
                    type = CallableStatement.class;
                    sql = (String) args[0];
                }
                default -> {
                    return result;
                }
            }
            return Proxy.newProxyInstance(GuardedConnections.class.getClassLoader(), new Class<?>[]{type},
                    new StatementHandler((Statement) result, sql, guard, connection, (Connection) proxy, memo));
        }
    }

    private static final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String prepared;
        private final Guard guard;
        private final Connection connection;
        private final Connection proxyConnection;
        private final TransactionMemo memo;
        private final List<String> batch = new ArrayList<>();

        StatementHandler(Statement statement, String prepared, Guard guard, Connection connection,
                         Connection proxyConnection, TransactionMemo memo) {
            this.statement = statement;
            this.prepared = prepared;
            this.guard = guard;
            this.connection = connection;
            this.proxyConnection = proxyConnection;
            this.memo = memo;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean withSql = args != null && args.length > 0 && args[0] instanceof String;
            if (EXECUTE.contains(name)) {
                if (withSql) {
                    guard.check(connection, (String) args[0], false, memo);
                } else if (prepared != null) {
                    guard.check(connection, prepared, true, memo);
                }
            } else if (EXECUTE_BATCH.contains(name)) {
                if (prepared != null) {
                    guard.check(connection, prepared, true, memo);
                }
                for (String sql : batch) {
                    guard.check(connection, sql, false, memo);
                }
                batch.clear();
            } else if (name.equals("addBatch") && withSql) {
                batch.add((String) args[0]);
            } else if (name.equals("clearBatch")) {
                batch.clear();
            } else if (name.equals("getConnection")) {
                return proxyConnection;
            }
            return call(statement, method, args);
        }
    }
}
