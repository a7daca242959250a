package io.rlstestkit.internal.scope;

import io.rlstestkit.Tenant;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** What a session knows of its test beyond its scope: the other scopes, the tenants and the tenant column. */
@API(status = INTERNAL)
public interface SessionContext {

    /** A session of the test in another scope, checked by the bypass guard. */
    ScopedSession session(Scope scope);

    /** The owner's scope. */
    Scope ownerScope();

    /** A tenant's scope. */
    Scope tenantScope(Tenant tenant);

    /** The seeded tenant with that key. */
    Tenant tenant(String key);

    /** The column that holds the tenant id in a table. */
    String tenantColumnOf(String schema, String table);

    /** The SQL expression that gives a table's tenant where it is configured instead of a column, else null. */
    String tenantExpressionOf(String schema, String table);

    /** The configured tenant column. */
    String tenantColumn();

    /** A label for the configuration, for reports. */
    String environmentLabel();

    /** The test class the session belongs to, for reports. */
    String source();
}
