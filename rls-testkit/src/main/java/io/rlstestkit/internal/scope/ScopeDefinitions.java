package io.rlstestkit.internal.scope;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/** The scopes of a configuration: the tenants', the worker's, the owner's and the named ones. */
@API(status = INTERNAL)
public final class ScopeDefinitions {

    private final ScopeTemplate tenant;
    private final ScopeTemplate worker;
    private final Map<String, ScopeTemplate> named;

    public ScopeDefinitions(ScopeTemplate tenant, ScopeTemplate worker, Map<String, ScopeTemplate> named) {
        this.tenant = tenant;
        this.worker = worker;
        this.named = new LinkedHashMap<>(named);
    }

    /** A tenant's scope. */
    public Scope tenant(Tenant tenant) {
        return this.tenant.resolve(Scope.Kind.TENANT, "tenant", tenant);
    }

    /** The background worker's scope. */
    public Scope worker() {
        return worker.resolve(Scope.Kind.WORKER, "worker", null);
    }

    /** The owner's scope: the user the kit logged in as, no settings. */
    public Scope owner() {
        return new Scope(Scope.Kind.OWNER, "owner", null, Map.of(), null);
    }

    /** A named scope, of a tenant where it needs one. */
    public Scope named(String name, Tenant tenant) {
        ScopeTemplate template = named.get(name);
        if (template == null) {
            throw new KitException("Expecting a scope named \"" + name + "\" but the configuration names "
                    + (named.isEmpty() ? "none" : String.join(", ", named.keySet()))
                    + ". Define it with RlsExtension.configure().scope(\"" + name + "\", scope -> ...).");
        }
        if (template.tenantBound() && tenant == null) {
            throw new KitException("Expecting a tenant for scope \"" + name + "\", which is defined per tenant, but"
                    + " none was given. Use @AsScope(value = \"" + name + "\", tenant = \"a\").");
        }
        if (!template.tenantBound() && tenant != null) {
            throw new KitException("Expecting no tenant for scope \"" + name + "\", which is defined without one,"
                    + " but " + tenant + " was given. Define it with tenantScope(...) to make it per tenant.");
        }
        return template.resolve(Scope.Kind.NAMED, name, tenant);
    }

    /** Every setting any scope sets for any of the tenants: the settings a scope switch must clear. */
    public Set<String> knownSettings(List<Tenant> tenants) {
        Set<String> names = new LinkedHashSet<>();
        for (Tenant each : tenants) {
            names.addAll(tenant(each).settings().keySet());
        }
        names.addAll(worker().settings().keySet());
        named.forEach((name, template) -> {
            if (template.tenantBound()) {
                tenants.forEach(each -> names.addAll(template.resolve(Scope.Kind.NAMED, name, each).settings().keySet()));
            } else {
                names.addAll(template.resolve(Scope.Kind.NAMED, name, null).settings().keySet());
            }
        });
        return names;
    }

    /** The names of the named scopes. */
    public Set<String> names() {
        return named.keySet();
    }

    /** Every scope of a tenant: the tenant's scope, then the named scopes defined per tenant, in order. */
    public List<Scope> scopesOf(Tenant tenant) {
        List<Scope> scopes = new java.util.ArrayList<>();
        scopes.add(tenant(tenant));
        named.forEach((name, template) -> {
            if (template.tenantBound()) {
                scopes.add(template.resolve(Scope.Kind.NAMED, name, tenant));
            }
        });
        return scopes;
    }
}
