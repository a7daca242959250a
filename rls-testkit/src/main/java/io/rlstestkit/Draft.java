package io.rlstestkit;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.audit.Acceptance;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.ProviderSettings;
import io.rlstestkit.internal.scope.ScopeDefinitions;
import io.rlstestkit.internal.scope.ScopeTemplate;
import io.rlstestkit.internal.tenant.AccountMembers;
import io.rlstestkit.internal.tenant.TenantSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A configuration being put together, from {@link RlsTest} or from {@link RlsExtension.Builder}; the overrides
 * (system properties, JUnit configuration parameters) apply when it is completed.
 */
final class Draft {

    static final String DEFAULT_TENANT_SETTING = "app.current_tenant_id";

    List<String> migrations = List.of("classpath:db/migration");
    List<String> schemas = List.of();
    List<TenantSpec> tenants = List.of(new TenantSpec("a", null), new TenantSpec("b", null));
    String seed = "";
    String tenantColumn = "tenant_id";
    final Map<String, String> tableTenantColumns = new LinkedHashMap<>();
    String tenantRole = "";
    String tenantSetting = DEFAULT_TENANT_SETTING;
    final Map<String, Function<Tenant, Object>> tenantSettings = new LinkedHashMap<>();
    final Map<String, Function<Tenant, Object>> tenantClaims = new LinkedHashMap<>();
    String workerRole = "";
    final Map<String, String> workerSettings = new LinkedHashMap<>();
    final Map<String, Object> workerClaims = new LinkedHashMap<>();
    final Map<String, ScopeTemplate> named = new LinkedHashMap<>();
    boolean supabase;
    final Map<String, String> flywayProperties = new LinkedHashMap<>();
    final List<Acceptance> acceptances = new ArrayList<>();
    List<String> preRoles = List.of();
    boolean accountMembers;

    /** The draft of an annotation. */
    static Draft of(RlsTest annotation) {
        Draft draft = new Draft();
        draft.migrations = List.of(annotation.migrations());
        draft.schemas = List.of(annotation.schemas());
        draft.tenants = Arrays.stream(annotation.tenants()).map(TenantSpec::parse).toList();
        draft.seed = annotation.seed();
        draft.tenantColumn = annotation.tenantColumn();
        draft.tenantRole = annotation.tenantRole();
        draft.tenantSetting = annotation.tenantSetting();
        draft.workerRole = annotation.workerRole();
        draft.workerSettings.putAll(settings(annotation.workerSettings(), "@RlsTest(workerSettings)"));
        draft.supabase = annotation.supabase();
        draft.preRoles = preRoles(annotation.preRoles(), "@RlsTest(preRoles)");
        draft.accountMembers = annotation.accountMembers();
        return draft;
    }

    /**
     * The configuration, with the overrides applied.
     *
     * @param overrides   a configuration parameter or system property by key
     * @param classLoader where {@code classpath:} locations are found
     */
    KitConfiguration complete(Function<String, Optional<String>> overrides, ClassLoader classLoader) {
        if (accountMembers && !supabase) {
            throw new KitException("Expecting accountMembers with the Supabase preset (supabase = true), which makes"
                    + " the accounts' member users, but the preset is off.\nTurn the preset on, or leave"
                    + " accountMembers out: without the preset a tenant's scope is what tenantRole, tenantSetting and"
                    + " the claims say.");
        }
        List<String> locations = overrides.apply(RlsExtension.MIGRATIONS_KEY)
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(migrations);
        String provider = overrides.apply(RlsExtension.PROVIDER_KEY).map(String::strip).orElse("embedded");
        ProviderSettings providerSettings = new ProviderSettings(provider,
                overrides.apply(RlsExtension.JDBC_URL_KEY).orElse(null),
                overrides.apply(RlsExtension.USER_KEY).orElse(null),
                overrides.apply(RlsExtension.PASSWORD_KEY).orElse(null),
                overrides.apply(RlsExtension.TESTCONTAINERS_IMAGE_KEY).orElse(null),
                overrides.apply(RlsExtension.SKIP_WITHOUT_DOCKER_KEY).map(Boolean::parseBoolean).orElse(false));
        return new KitConfiguration(locations, schemas, Map.copyOf(flywayProperties), tenants, seed, tenantColumn,
                Map.copyOf(tableTenantColumns), supabase, scopes(), providerSettings, classLoader, preRoles,
                accountMembers);
    }

    /**
     * {@code "name=value"} settings, in order.
     *
     * @param where where they were given, for messages
     * @throws KitException for one without a name and {@code =}
     */
    static Map<String, String> settings(String[] settings, String where) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new KitException("Expecting each of " + where + " to be \"name=value\", but got \"" + setting
                        + "\".");
            }
            parsed.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return parsed;
    }

    /**
     * Roles to create before migrating, checked: each a role's name as PostgreSQL stores it, without options (the
     * kit creates each {@code NOLOGIN}; a migration grants it what it needs).
     *
     * @param where where the names were given, for messages
     * @throws KitException for a blank name or one with white space
     */
    static List<String> preRoles(String[] roles, String where) {
        for (String role : roles) {
            if (role == null || role.isBlank()) {
                throw new KitException("Expecting each of " + where + " to name a role, but got a blank name.\nList"
                        + " the roles your platform creates before the migrations run by name (\"rds_iam\","
                        + " \"app_user\").");
            }
            if (!role.equals(role.strip()) || role.chars().anyMatch(Character::isWhitespace)) {
                throw new KitException("Expecting each of " + where + " to be a role's name alone, but got \""
                        + role + "\".\nThe kit creates each role NOLOGIN before migrating; give the name only, and"
                        + " let a migration grant the role what it needs.");
            }
        }
        return List.of(roles);
    }

    private ScopeDefinitions scopes() {
        String effectiveTenantRole = tenantRole;
        String effectiveSetting = tenantSetting;
        Map<String, Function<Tenant, Object>> claims = new LinkedHashMap<>(tenantClaims);
        String effectiveWorkerRole = workerRole;
        Map<String, Object> effectiveWorkerClaims = new LinkedHashMap<>(workerClaims);
        if (supabase) {
            effectiveTenantRole = tenantRole.isEmpty() ? "authenticated" : tenantRole;
            effectiveSetting = DEFAULT_TENANT_SETTING.equals(tenantSetting) ? "" : tenantSetting;
            if (claims.isEmpty()) {
                claims.putAll(supabaseClaims(accountMembers));
            }
            if (workerRole.isEmpty()) {
                effectiveWorkerRole = "service_role";
                effectiveWorkerClaims.putIfAbsent("role", "service_role");
            }
        }
        Map<String, Function<Tenant, Object>> settings = new LinkedHashMap<>();
        if (!effectiveSetting.isEmpty()) {
            settings.put(effectiveSetting, Tenant::id);
        }
        settings.putAll(tenantSettings);
        Map<String, Function<Tenant, Object>> claimFunctions = new LinkedHashMap<>(claims);
        ScopeTemplate tenant = new ScopeTemplate(role(effectiveTenantRole), settings,
                claimFunctions.isEmpty() ? null : t -> evaluate(claimFunctions, t), true);
        Map<String, Function<Tenant, Object>> worker = new LinkedHashMap<>();
        workerSettings.forEach((name, value) -> worker.put(name, t -> value));
        Map<String, Object> workerClaimValues = Map.copyOf(effectiveWorkerClaims);
        ScopeTemplate workerTemplate = new ScopeTemplate(role(effectiveWorkerRole), worker,
                workerClaimValues.isEmpty() ? null : t -> new LinkedHashMap<>(effectiveWorkerClaims), false);
        Map<String, ScopeTemplate> scopes = new LinkedHashMap<>(named);
        if (supabase) {
            Function<Tenant, Map<String, Object>> anonymous = t -> Map.of("role", "anon");
            scopes.putIfAbsent("anon", new ScopeTemplate("anon", Map.of(), anonymous, false));
        }
        return new ScopeDefinitions(tenant, workerTemplate, scopes);
    }

    /**
     * The claims of a signed-in user's JWT as Supabase issues it: {@code sub} (the user: the tenant, or the account's
     * member user), {@code role}, {@code aud}, {@code email}, {@code aal}, {@code is_anonymous},
     * {@code app_metadata} and {@code user_metadata}.
     */
    static Map<String, Function<Tenant, Object>> supabaseClaims(boolean accountMembers) {
        Map<String, Object> appMetadata = new LinkedHashMap<>();
        appMetadata.put("provider", "email");
        appMetadata.put("providers", List.of("email"));
        Map<String, Function<Tenant, Object>> claims = new LinkedHashMap<>();
        claims.put("sub", tenant -> AccountMembers.userOf(tenant, accountMembers));
        claims.put("role", tenant -> "authenticated");
        claims.put("aud", tenant -> "authenticated");
        claims.put("email", tenant -> tenant.key() + "@example.test");
        claims.put("aal", tenant -> "aal1");
        claims.put("is_anonymous", tenant -> false);
        claims.put("app_metadata", tenant -> appMetadata);
        claims.put("user_metadata", tenant -> Map.of());
        return claims;
    }

    private static Map<String, Object> evaluate(Map<String, Function<Tenant, Object>> claims, Tenant tenant) {
        Map<String, Object> values = new LinkedHashMap<>();
        claims.forEach((name, value) -> values.put(name, value.apply(tenant)));
        return values;
    }

    private static String role(String role) {
        return role == null || role.isEmpty() ? null : role;
    }

    /** A copy, so that a builder can go on after {@code build()}. */
    Draft copy() {
        Draft copy = new Draft();
        copy.migrations = new ArrayList<>(migrations);
        copy.schemas = new ArrayList<>(schemas);
        copy.tenants = new ArrayList<>(tenants);
        copy.seed = seed;
        copy.tenantColumn = tenantColumn;
        copy.tableTenantColumns.putAll(tableTenantColumns);
        copy.tenantRole = tenantRole;
        copy.tenantSetting = tenantSetting;
        copy.tenantSettings.putAll(tenantSettings);
        copy.tenantClaims.putAll(tenantClaims);
        copy.workerRole = workerRole;
        copy.workerSettings.putAll(workerSettings);
        copy.workerClaims.putAll(workerClaims);
        copy.named.putAll(named);
        copy.supabase = supabase;
        copy.flywayProperties.putAll(flywayProperties);
        copy.acceptances.addAll(acceptances);
        copy.preRoles = preRoles;
        copy.accountMembers = accountMembers;
        return copy;
    }
}
