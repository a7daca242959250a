package io.rlstestkit.internal.scope;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * A view of the test's connection in one scope, for application code. Every statement runs with the scope
 * active. The application's transaction is emulated with a savepoint of the test's transaction, so that its
 * {@code commit()} keeps its changes until the test ends and its {@code rollback()} undoes them; the scope, set
 * before the savepoint, survives both.
 */
final class ScopedConnection implements InvocationHandler {

    private final TestTransaction transaction;
    private final Scope scope;
    private final Connection target;
    private boolean autoCommit = true;
    private boolean closed;
    private Savepoint unitOfWork;

    private ScopedConnection(TestTransaction transaction, Scope scope, Connection target) {
        this.transaction = transaction;
        this.scope = scope;
        this.target = target;
    }

    static Connection create(TestTransaction transaction, Scope scope) {
        try {
            Connection target = transaction.run(scope, connection -> connection);
            return (Connection) Proxy.newProxyInstance(ScopedConnection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new ScopedConnection(transaction, scope, target));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the scope " + scope.label() + " active", e);
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "close":
                closed = true;
                return null;
            case "isClosed":
                return closed;
            case "getAutoCommit":
                return autoCommit;
            case "setAutoCommit":
                if ((Boolean) args[0] && !autoCommit) {
                    endUnitOfWork(false);
                }
                autoCommit = (Boolean) args[0];
                return null;
            case "commit":
                requireManualCommit("commit");
                endUnitOfWork(false);
                return null;
            case "rollback":
                if (args == null || args.length == 0) {
                    requireManualCommit("rollback");
                    endUnitOfWork(true);
                    return null;
                }
                break;
            case "setTransactionIsolation", "setReadOnly":
                return null; // the test's transaction has begun; the application's choice cannot apply to it
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "connection in scope " + scope.label();
            default:
                break;
        }
        if (closed && !name.equals("isValid")) {
            throw new SQLException("This connection is closed");
        }
        if (name.startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String sql) {
            transaction.sessionStatement(sql);
        }
        Object result = invokeTarget(method, args);
        if (result instanceof Statement statement) {
            return statement(statement, (Connection) proxy);
        }
        return result;
    }

    private void requireManualCommit(String what) throws SQLException {
        if (autoCommit) {
            throw new SQLException("Cannot " + what + " when autoCommit is enabled.");
        }
    }

    private void beforeStatement() throws SQLException {
        if (closed) {
            throw new SQLException("This connection is closed");
        }
        transaction.activate(scope);
        if (!autoCommit && unitOfWork == null) {
            unitOfWork = target.setSavepoint();
        }
    }

    private void endUnitOfWork(boolean rollback) throws SQLException {
        if (unitOfWork == null) {
            return;
        }
        if (rollback) {
            target.rollback(unitOfWork);
        }
        target.releaseSavepoint(unitOfWork);
        unitOfWork = null;
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Statement statement(Statement statement, Connection proxy) {
        Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
        InvocationHandler handler = (self, method, args) -> {
            if (method.getName().startsWith("execute")) {
                synchronized (transaction) {
                    beforeStatement();
                    transaction.sessionStatement(args != null && args.length > 0 && args[0] instanceof String sql
                            ? sql : "");
                    return invokeOn(statement, method, args);
                }
            }
            if (method.getName().equals("getConnection")) {
                return proxy;
            }
            return invokeOn(statement, method, args);
        };
        return (Statement) Proxy.newProxyInstance(ScopedConnection.class.getClassLoader(), new Class<?>[] {type},
                handler);
    }

    private static Object invokeOn(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
