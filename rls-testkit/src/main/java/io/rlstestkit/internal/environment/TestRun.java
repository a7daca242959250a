package io.rlstestkit.internal.environment;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.database.WorkingDatabase;
import io.rlstestkit.internal.scope.BypassGuard;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.scope.ScopeDefinitions;
import io.rlstestkit.internal.scope.ScopedSession;
import io.rlstestkit.internal.scope.SessionContext;
import io.rlstestkit.internal.scope.TestTransaction;
import org.apiguardian.api.API;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The database state of one test: a copy of the template, lent for the test, and the test's transaction on it.
 * Closing it rolls the transaction back and gives the copy back: replaced if anything may have been committed.
 */
@API(status = INTERNAL)
public final class TestRun implements AutoCloseable, SessionContext {

    private final Environment environment;
    private final KitConfiguration configuration;
    private final String source;
    private WorkingDatabase database;
    private TestTransaction transaction;
    private final Map<String, String> foundTenantColumns = new ConcurrentHashMap<>();
    private final Map<String, String> foundTenantExpressions = new ConcurrentHashMap<>();
    private boolean dirty;
    private boolean closed;

    TestRun(Environment environment, KitConfiguration configuration, String source) {
        this.environment = environment;
        this.configuration = configuration;
        this.source = source;
    }

    /** The environment. */
    public Environment environment() {
        return environment;
    }

    /** The test's transaction, opened on first use. */
    public synchronized TestTransaction transaction() {
        if (closed) {
            throw new IllegalStateException("The test is over: sessions and databases live as long as their test");
        }
        if (transaction == null) {
            try {
                transaction = TestTransaction.open(database(),
                        configuration.scopes().knownSettings(environment.tenants().all()));
            } catch (SQLException e) {
                throw new KitException("Could not open the test's transaction on " + database + ": " + e.getMessage(),
                        e);
            }
        }
        return transaction;
    }

    private WorkingDatabase database() {
        if (database == null) {
            database = environment.pool().acquire();
        }
        return database;
    }

    /**
     * The test's copy of the database for connections outside the kit's transaction (the application's own pool).
     * What they commit stays until the test ends; the copy is then replaced.
     */
    public synchronized WorkingDatabase databaseForOutsideConnections() {
        dirty = true;
        transaction();
        return database;
    }

    /** A session in a scope, once the scope passes the bypass guard. */
    @Override
    public ScopedSession session(Scope scope) {
        TestTransaction tx = transaction();
        String description = environment.checkedScope(scope, unchecked -> {
            try {
                Catalog catalog = tx.ownerCatalog(scopes().owner());
                return BypassGuard.check(unchecked, catalog, environment.settingsRead(), tx.sessionUser());
            } catch (SQLException e) {
                throw new KitException("Could not check scope " + unchecked.label() + ": " + e.getMessage(), e);
            }
        });
        return new ScopedSession(tx, scope, description, this);
    }

    /** The configuration's settings of the tenant-context guard. */
    public GuardSettings guard() {
        return configuration.guard();
    }

    /** The scopes of the configuration. */
    public ScopeDefinitions scopes() {
        return configuration.scopes();
    }

    /** A tenant's session. */
    public ScopedSession tenant(Tenant tenant) {
        return session(scopes().tenant(tenant));
    }

    /** The worker's session. */
    public ScopedSession worker() {
        return session(scopes().worker());
    }

    /** The owner's session. */
    public ScopedSession owner() {
        return session(scopes().owner());
    }

    @Override
    public Scope ownerScope() {
        return scopes().owner();
    }

    @Override
    public Scope tenantScope(Tenant tenant) {
        return scopes().tenant(tenant);
    }

    @Override
    public Tenant tenant(String key) {
        return environment.tenants().get(key);
    }

    @Override
    public String tenantColumnOf(String schema, String table) {
        String found = foundTenantColumns.get(schema + "." + table);
        return found != null ? found : configuration.tenantColumnOf(schema, table);
    }

    /**
     * The configured tenant expression of a table; else the Supabase preset's, where the table's policies call
     * {@code storage.foldername} (policies by {@code owner} make {@code owner} its tenant column instead).
     */
    @Override
    public String tenantExpressionOf(String schema, String table) {
        String found = foundTenantExpressions.get(schema + "." + table);
        if (found != null) {
            return found;
        }
        String given = configuration.tenantExpressionOf(schema, table);
        String preset = configuration.presetTenantExpressionOf(schema, table);
        if (given != null || preset == null) {
            return given;
        }
        try {
            Catalog catalog = transaction().ownerCatalog(scopes().owner());
            boolean byFolder = catalog.table(schema + "." + table).stream().flatMap(t -> catalog.policies(t).stream())
                    .anyMatch(policy -> (policy.using() + " " + policy.withCheck()).contains("foldername("));
            return byFolder ? preset : null;
        } catch (SQLException e) {
            throw new KitException("Could not read the policies of " + schema + "." + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Uses a column as a table's tenant column for the rest of the test, where the configuration names none that the
     * table has: the deny matrix reads it from the table's policies.
     */
    public void useTenantColumn(String schema, String table, String column) {
        foundTenantColumns.put(schema + "." + table, column);
    }

    /**
     * Uses an expression as a table's tenant for the rest of the test: the deny matrix gives one to a table whose
     * policies reach its tenant through a parent.
     */
    public void useTenantExpression(String schema, String table, String expression) {
        foundTenantExpressions.put(schema + "." + table, expression);
    }

    /** The tables the configuration gives a tenant expression, as it names them ({@code storage.objects}). */
    public Set<String> configuredTenantExpressions() {
        return configuration.tableTenantExpressions().keySet();
    }

    @Override
    public String tenantColumn() {
        return configuration.tenantColumn();
    }

    @Override
    public String environmentLabel() {
        return environment.label();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (transaction != null) {
            transaction.close();
            dirty |= transaction.dirty();
        }
        if (database != null) {
            environment.pool().release(database, dirty);
        }
        environment.testEnded();
    }
}
