package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * One object of a {@link SchemaSnapshot}, as the catalog describes it: a table, a column, a policy, a grant.
 *
 * @param kind       what it is, as messages name it: {@code table}, {@code column}, {@code policy}, {@code grant} ...
 * @param key        what names it, unique in a snapshot: {@code policy tenant_isolation on public.invoices}
 * @param parent     the key of the object it belongs to ({@code table public.invoices} for its columns, policies and
 *                   grants), or {@code null}: an object whose parent is missing is not reported on its own
 * @param attributes what describes it, by name, in a fixed order; an attribute that is absent has its default
 *                   (no owner but the migrating user, no default value, no setting)
 */
@API(status = INTERNAL)
public record SchemaObject(String kind, String key, String parent, Map<String, String> attributes) {

    public SchemaObject {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** An attribute's value, or {@code null} where it is absent. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /** Builds an object's attributes in order, leaving out those that are absent. */
    public static final class Builder {
        private final String kind;
        private final String key;
        private final String parent;
        private final Map<String, String> attributes = new LinkedHashMap<>();

        public Builder(String kind, String key, String parent) {
            this.kind = kind;
            this.key = key;
            this.parent = parent;
        }

        /** Sets an attribute; a {@code null} value leaves it absent. */
        public Builder with(String name, Object value) {
            if (value != null) {
                attributes.put(name, String.valueOf(value));
            }
            return this;
        }

        /** Sets an attribute to one of two values. */
        public Builder flag(String name, boolean value, String whenTrue, String whenFalse) {
            attributes.put(name, value ? whenTrue : whenFalse);
            return this;
        }

        public SchemaObject build() {
            return new SchemaObject(kind, key, parent, attributes);
        }
    }
}
