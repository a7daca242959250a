package io.rlstestkit;

import io.rlstestkit.internal.scope.ScopeTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Defines a named scope in {@link RlsExtension.Builder#scope(String, java.util.function.Consumer)}: a role, settings
 * and JWT claims. A setting or claim given as a function of the tenant makes the scope one per tenant.
 * <pre>{@code
 * RlsExtension.configure()
 *     .scope("webhook", scope -> scope.role("app_user")
 *             .tenantSetting("app.current_installation_id", Tenant::id))
 *     .scope("admin", scope -> scope.role("app_admin").setting("app.is_admin", "true"))
 * }</pre>
 */
public final class ScopeBuilder {

    private String role;
    private final Map<String, Function<Tenant, Object>> settings = new LinkedHashMap<>();
    private final Map<String, Function<Tenant, Object>> claims = new LinkedHashMap<>();
    private boolean tenantBound;

    ScopeBuilder() {
    }

    /** The role the scope switches to; none to stay the user the kit logs in as. */
    public ScopeBuilder role(String role) {
        this.role = role == null || role.isEmpty() ? null : role;
        return this;
    }

    /** A setting with a constant value. */
    public ScopeBuilder setting(String name, String value) {
        settings.put(name, tenant -> value);
        return this;
    }

    /** A setting whose value depends on the tenant: the scope is then defined per tenant. */
    public ScopeBuilder tenantSetting(String name, Function<Tenant, ?> value) {
        settings.put(name, value::apply);
        tenantBound = true;
        return this;
    }

    /** A JWT claim with a constant value, set as {@code request.jwt.claims} and {@code request.jwt.claim.<name>}. */
    public ScopeBuilder claim(String name, Object value) {
        claims.put(name, tenant -> value);
        return this;
    }

    /** A JWT claim whose value depends on the tenant: the scope is then defined per tenant. */
    public ScopeBuilder tenantClaim(String name, Function<Tenant, ?> value) {
        claims.put(name, value::apply);
        tenantBound = true;
        return this;
    }

    ScopeTemplate build() {
        Map<String, Function<Tenant, Object>> claimFunctions = new LinkedHashMap<>(claims);
        Function<Tenant, Map<String, Object>> claimValues = claimFunctions.isEmpty() ? null : tenant -> {
            Map<String, Object> values = new LinkedHashMap<>();
            claimFunctions.forEach((name, value) -> values.put(name, value.apply(tenant)));
            return values;
        };
        return new ScopeTemplate(role, settings, claimValues, tenantBound);
    }
}
