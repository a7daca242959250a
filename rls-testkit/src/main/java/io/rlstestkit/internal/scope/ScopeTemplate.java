package io.rlstestkit.internal.scope;

import io.rlstestkit.Tenant;
import org.apiguardian.api.API;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * How to build a scope, for a tenant or without one: the role, the settings and the JWT claims, each setting and
 * claim a function of the tenant.
 *
 * @param role        the role to switch to, {@code null} to stay the user the kit logged in as
 * @param settings    the settings by name, in order, each a function of the tenant ({@code null} for scopes without)
 * @param claims      the JWT claims, a function of the tenant; {@code null} for none
 * @param tenantBound whether the scope needs a tenant
 */
@API(status = INTERNAL)
public record ScopeTemplate(String role, Map<String, Function<Tenant, Object>> settings,
                            Function<Tenant, Map<String, Object>> claims, boolean tenantBound) {

    /** The setting that holds every claim as one JSON object, as PostgREST and Supabase set it. */
    public static final String CLAIMS_SETTING = "request.jwt.claims";

    /** The prefix of the settings that hold one claim each: {@code request.jwt.claim.sub}. */
    public static final String CLAIM_SETTING_PREFIX = "request.jwt.claim.";

    public ScopeTemplate {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * The scope for a tenant (or {@code null}): the settings in order, then the claims as
     * {@code request.jwt.claims} and as one {@code request.jwt.claim.<name>} each.
     */
    public Scope resolve(Scope.Kind kind, String name, Tenant tenant) {
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((setting, value) -> values.put(setting, String.valueOf(value.apply(tenant))));
        if (claims != null) {
            Map<String, Object> claimValues = claims.apply(tenant);
            values.put(CLAIMS_SETTING, Json.write(claimValues));
            claimValues.forEach((claim, value) -> values.put(CLAIM_SETTING_PREFIX + claim, Json.claimSetting(value)));
        }
        return new Scope(kind, name, role, values, tenant);
    }
}
