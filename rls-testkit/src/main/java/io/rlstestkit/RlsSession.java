package io.rlstestkit;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * A session in a scope: a role and the settings (and JWT claims) that a tenant, a background worker, the owner or
 * a named scope of the project runs with. Inject it into a test method:
 * <pre>{@code
 * @Test
 * void ownInvoices(@AsTenant("a") RlsSession a) {
 *     assertThat(a.query("select * from invoices")).isNotEmpty();
 * }
 * }</pre>
 *
 * <h2>Transactions</h2>
 * All sessions of a test share one transaction on one connection; each statement runs with its session's role and
 * settings, set transaction-local ({@code SET LOCAL ROLE}, {@code set_config(name, value, true)}). So rows a test
 * arranges as the owner are visible to the tenant sessions that follow, and everything the test changes is rolled
 * back before the next test starts: no connection keeps a role or setting of it.
 *
 * <h2>Bypass guard</h2>
 * A tenant session whose role is a superuser, has {@code BYPASSRLS}, or owns a table whose row-level security is
 * not forced, is refused when it is created: in such a scope every deny test would prove nothing.
 */
public interface RlsSession {

    /**
     * A description of the scope for messages: {@code tenant b (role app_user, app.current_tenant_id = '…')}.
     */
    String description();

    /** The tenant of the scope, or {@code null} for the worker, the owner and named scopes without a tenant. */
    Tenant tenant();

    /** The role the scope switches to; {@code null} where it stays the user the kit logged in as. */
    String role();

    /** The settings the scope sets, JWT claims included, in the order it sets them. */
    Map<String, String> settings();

    /**
     * Runs a query in the scope and returns its rows, each a map from column label to value, in column order.
     *
     * @param sql  the query, with {@code ?} for each argument
     * @param args the arguments; a {@link Tenant} binds as its id
     * @throws RlsSqlException where the query fails
     */
    List<Map<String, Object>> query(String sql, Object... args);

    /**
     * Runs a statement in the scope and returns the number of rows it inserted, updated or deleted.
     *
     * @param sql  the statement, with {@code ?} for each argument
     * @param args the arguments; a {@link Tenant} binds as its id
     * @throws RlsSqlException where the statement fails
     */
    int update(String sql, Object... args);

    /**
     * A JDBC connection in the scope, for running application code under it. It is a view of the test's
     * connection: every statement runs with this session's role and settings. {@code commit()} and
     * {@code rollback()} act on a savepoint of the test's transaction (a commit keeps the changes until the test
     * ends, a rollback undoes them), {@code close()} only closes the view.
     */
    Connection connection();
}
