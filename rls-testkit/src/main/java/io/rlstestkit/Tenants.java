package io.rlstestkit;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tenants seeded for a test, in configuration order. Injectable into test methods and lifecycle methods:
 * <pre>{@code
 * @Test
 * void isolated(@AsTenant("b") RlsSession b, Tenants tenants) {
 *     assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
 * }
 * }</pre>
 */
public final class Tenants implements Iterable<Tenant> {

    private final List<Tenant> tenants;

    /** The given tenants, in order. */
    public Tenants(List<Tenant> tenants) {
        this.tenants = List.copyOf(tenants);
    }

    /**
     * The tenant with that key.
     *
     * @throws IllegalArgumentException where no tenant has that key; the message lists the keys there are
     */
    public Tenant get(String key) {
        for (Tenant tenant : tenants) {
            if (tenant.key().equals(key)) {
                return tenant;
            }
        }
        throw new IllegalArgumentException("Expecting a seeded tenant with key \"" + key + "\" but the tenants are "
                + keys() + ". Add the key to @RlsTest(tenants = ...) or use one of those.");
    }

    /** The keys of the tenants, in order. */
    public List<String> keys() {
        return tenants.stream().map(Tenant::key).toList();
    }

    /** The tenants, in order. */
    public List<Tenant> all() {
        return tenants;
    }

    /** The tenants as a stream, in order. */
    public Stream<Tenant> stream() {
        return tenants.stream();
    }

    /** How many tenants there are. */
    public int size() {
        return tenants.size();
    }

    @Override
    public Iterator<Tenant> iterator() {
        return tenants.iterator();
    }

    @Override
    public String toString() {
        return "tenants " + keys();
    }
}
