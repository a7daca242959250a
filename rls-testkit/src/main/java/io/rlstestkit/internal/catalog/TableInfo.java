package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A table as the catalog describes it.
 *
 * @param oid            the table's oid
 * @param schema         its schema
 * @param name           its name
 * @param owner          the role that owns it
 * @param rlsEnabled     whether row-level security is enabled
 * @param rlsForced      whether row-level security is forced (applies to the owner too)
 * @param partitioned    whether it is a partitioned table
 */
@API(status = INTERNAL)
public record TableInfo(long oid, String schema, String name, String owner, boolean rlsEnabled, boolean rlsForced,
                        boolean partitioned) {

    /** The schema-qualified name, quoted where PostgreSQL needs quotes. */
    public String qualifiedName() {
        return Identifiers.quote(schema) + "." + Identifiers.quote(name);
    }

    /** The schema-qualified name for messages: {@code public.invoices}. */
    public String displayName() {
        return schema + "." + name;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
