package io.rlstestkit;

import java.util.Objects;

/**
 * A seeded tenant: its key in the configuration ({@code "a"}) and its id in the database.
 *
 * <p>{@link #id()} binds as a JDBC parameter of the tenant column's type: a {@link java.util.UUID} for
 * {@code uuid} columns (derived from the key unless configured otherwise), a {@link Long} for integer columns,
 * a {@link String} for text columns. So {@code session.query("select * from invoices where tenant_id = ?",
 * tenant.id())} works whatever the type.
 *
 * @param key the tenant's key, as in {@code @RlsTest(tenants = {"a", "b"})}
 * @param id  the tenant's id, as stored in the tenant column
 */
public record Tenant(String key, Object id) {

    /** A tenant with a key and an id. */
    public Tenant {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
    }

    /** {@code tenant a}. */
    @Override
    public String toString() {
        return "tenant " + key;
    }
}
