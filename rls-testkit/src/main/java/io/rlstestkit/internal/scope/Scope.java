package io.rlstestkit.internal.scope;

import io.rlstestkit.Tenant;
import org.apiguardian.api.API;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A resolved scope: who a session is. A role ({@code null}: the user the kit logged in as) and the settings it sets,
 * transaction-local, before each statement.
 *
 * @param kind     tenant, worker, owner or a named scope
 * @param name     the name of a named scope; the kind's name otherwise
 * @param role     the role, or {@code null}
 * @param settings the settings in order, claims included
 * @param tenant   the tenant, or {@code null}
 */
@API(status = INTERNAL)
public record Scope(Kind kind, String name, String role, Map<String, String> settings, Tenant tenant) {

    /** What a scope stands for. */
    public enum Kind {
        /** A tenant's scope, as the application serves a request of that tenant. */
        TENANT,
        /** The background worker's scope. */
        WORKER,
        /** The database owner: the user the kit logged in as, with no settings. */
        OWNER,
        /** A scope the project named itself. */
        NAMED
    }

    public Scope {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Whether the bypass guard applies: tenant scopes and named scopes of a tenant. */
    public boolean isTenantScope() {
        return tenant != null;
    }

    /** A short label: {@code tenant b}, {@code worker}, {@code owner}, {@code scope webhook of tenant a}. */
    public String label() {
        return switch (kind) {
            case TENANT -> "tenant " + tenant.key();
            case WORKER -> "worker";
            case OWNER -> "owner";
            case NAMED -> "scope " + name + (tenant == null ? "" : " of tenant " + tenant.key());
        };
    }

    /**
     * The label with the role and settings: {@code tenant b (role app_user, app.current_tenant_id = '…')}. Long
     * claim settings are shortened.
     */
    public String describe(String sessionUser) {
        String who = role == null ? "user " + sessionUser : "role " + role;
        String values = settings.entrySet().stream()
                .filter(entry -> !entry.getKey().startsWith(ScopeTemplate.CLAIM_SETTING_PREFIX))
                .map(entry -> entry.getKey() + " = '" + abbreviate(entry.getValue()) + "'")
                .collect(Collectors.joining(", "));
        return label() + " (" + who + (values.isEmpty() ? "" : ", " + values) + ")";
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
