package io.rlstestkit.internal.environment;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.audit.Acceptance;
import io.rlstestkit.internal.scope.ScopeDefinitions;
import io.rlstestkit.internal.scope.ScopeTemplate;
import io.rlstestkit.internal.tenant.AccountMembers;
import io.rlstestkit.internal.tenant.TenantSpec;
import org.apiguardian.api.API;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The one builder of a {@link KitConfiguration}: {@code @RlsTest}, {@code configure()} and any other
 * front end (the benchmark, a command line) set what they configure, and the overrides (system properties, JUnit
 * configuration parameters, {@code junit-platform.properties}) apply in {@link #build(Function, ClassLoader)}. Every
 * setting starts at the default {@code @RlsTest} states.
 */
@API(status = INTERNAL)
public final class ConfigurationBuilder {

    /** Comma-separated Flyway locations that replace the configured ones. */
    public static final String MIGRATIONS_KEY = "rlstestkit.migrations";
    /** Where PostgreSQL comes from: {@code embedded} (the default), {@code testcontainers} or {@code external}. */
    public static final String PROVIDER_KEY = "rlstestkit.provider";
    /** The JDBC URL of the server for the {@code external} provider. */
    public static final String JDBC_URL_KEY = "rlstestkit.jdbc-url";
    /** The user for the {@code external} provider. */
    public static final String USER_KEY = "rlstestkit.user";
    /** The password for the {@code external} provider. */
    public static final String PASSWORD_KEY = "rlstestkit.password";
    /** The Docker image for the {@code testcontainers} provider. */
    public static final String TESTCONTAINERS_IMAGE_KEY = "rlstestkit.testcontainers.image";
    /** {@code true} to skip, rather than fail, the tests of the {@code testcontainers} provider without Docker. */
    public static final String SKIP_WITHOUT_DOCKER_KEY = "rlstestkit.testcontainers.skip-without-docker";
    /** The setting a tenant scope sets unless configured otherwise. */
    public static final String DEFAULT_TENANT_SETTING = "app.current_tenant_id";

    private List<String> migrations = List.of("classpath:db/migration");
    private List<String> schemas = List.of();
    private List<TenantSpec> tenants = List.of(new TenantSpec("a", null), new TenantSpec("b", null));
    private String seed = "";
    private String tenantColumn = "tenant_id";
    private final Map<String, String> tableTenantColumns = new LinkedHashMap<>();
    private final Map<String, String> tableTenantExpressions = new LinkedHashMap<>();
    private String tenantRole = "";
    private String tenantSetting = DEFAULT_TENANT_SETTING;
    private final Map<String, Function<Tenant, Object>> tenantSettings = new LinkedHashMap<>();
    private final Map<String, Function<Tenant, Object>> tenantClaims = new LinkedHashMap<>();
    private String workerRole = "";
    private final Map<String, String> workerSettings = new LinkedHashMap<>();
    private final Map<String, Object> workerClaims = new LinkedHashMap<>();
    private final Map<String, ScopeTemplate> named = new LinkedHashMap<>();
    private boolean supabase;
    private final Map<String, String> flywayProperties = new LinkedHashMap<>();
    private final List<Acceptance> acceptances = new ArrayList<>();
    private List<String> preRoles = List.of();
    private boolean accountMembers;
    private boolean guardApplication;
    private List<String> guardSystemRoles = List.of();
    private List<Class<? extends Annotation>> guardSystemPaths = List.of();

    /** Flyway locations, migrated in order. */
    public ConfigurationBuilder migrations(List<String> locations) {
        this.migrations = List.copyOf(locations);
        return this;
    }

    /** Flyway schemas. */
    public ConfigurationBuilder schemas(List<String> schemas) {
        this.schemas = List.copyOf(schemas);
        return this;
    }

    /** A further Flyway property. */
    public ConfigurationBuilder flywayProperty(String property, String value) {
        flywayProperties.put(property, value);
        return this;
    }

    /** The tenants to seed. */
    public ConfigurationBuilder tenants(List<TenantSpec> tenants) {
        this.tenants = List.copyOf(tenants);
        return this;
    }

    /** The tenants configured so far. */
    public List<TenantSpec> tenants() {
        return tenants;
    }

    /** The seed script, run once per tenant; {@code ""} for none. */
    public ConfigurationBuilder seed(String location) {
        this.seed = location;
        return this;
    }

    /** The column that holds the tenant id. */
    public ConfigurationBuilder tenantColumn(String column) {
        this.tenantColumn = column;
        return this;
    }

    /** The tenant column of one table. */
    public ConfigurationBuilder tenantColumn(String table, String column) {
        tableTenantColumns.put(table, column);
        return this;
    }

    /**
     * The tenant of one table as an SQL expression over its columns, where no column holds the tenant id as it is
     * ({@code (storage.foldername(name))[1]}): the deny checks and the matrix compare it, as text, with the tenant's
     * id.
     */
    public ConfigurationBuilder tenantExpression(String table, String expression) {
        if (table == null || table.isBlank() || expression == null || expression.isBlank()) {
            throw new KitException("Expecting a table and the SQL expression that gives its tenant, as"
                    + " tenantExpression(\"storage.objects\", \"(storage.foldername(name))[1]\"), but got table "
                    + (table == null ? "null" : "\"" + table + "\"") + " and expression "
                    + (expression == null ? "null" : "\"" + expression + "\"") + ".");
        }
        tableTenantExpressions.put(table.strip(), expression.strip());
        return this;
    }

    /** The role a tenant scope switches to; {@code ""} for none. */
    public ConfigurationBuilder tenantRole(String role) {
        this.tenantRole = role;
        return this;
    }

    /** The setting a tenant scope sets to the tenant's id; {@code ""} for none. */
    public ConfigurationBuilder tenantSetting(String name) {
        this.tenantSetting = name;
        return this;
    }

    /** A further setting of a tenant scope, by tenant. */
    public ConfigurationBuilder tenantSetting(String name, Function<Tenant, Object> value) {
        tenantSettings.put(name, value);
        return this;
    }

    /** A JWT claim of a tenant scope, by tenant. */
    public ConfigurationBuilder tenantClaim(String name, Function<Tenant, Object> value) {
        tenantClaims.put(name, value);
        return this;
    }

    /** The role the worker scope switches to; {@code ""} for none. */
    public ConfigurationBuilder workerRole(String role) {
        this.workerRole = role;
        return this;
    }

    /** A setting of the worker scope. */
    public ConfigurationBuilder workerSetting(String name, String value) {
        workerSettings.put(name, value);
        return this;
    }

    /** A JWT claim of the worker scope. */
    public ConfigurationBuilder workerClaim(String name, Object value) {
        workerClaims.put(name, value);
        return this;
    }

    /** A named scope of its own. */
    public ConfigurationBuilder scope(String name, ScopeTemplate scope) {
        named.put(name, scope);
        return this;
    }

    /** Whether the Supabase preset runs before the migrations. */
    public ConfigurationBuilder supabase(boolean supabase) {
        this.supabase = supabase;
        return this;
    }

    /** Accepts a finding of the audit. */
    public ConfigurationBuilder accept(Acceptance acceptance) {
        acceptances.add(acceptance);
        return this;
    }

    /** The accepted findings. */
    public List<Acceptance> acceptances() {
        return List.copyOf(acceptances);
    }

    /**
     * Settings of the worker scope, {@code "name=value"} each.
     *
     * @param where where they were given, for messages
     * @throws KitException for one without a name and {@code =}
     */
    public ConfigurationBuilder workerSettings(String[] settings, String where) {
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new KitException("Expecting each of " + where + " to be \"name=value\", but got \"" + setting
                        + "\".");
            }
            workerSetting(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return this;
    }

    /**
     * Roles to create before migrating, checked: each a role's name as PostgreSQL stores it, without options (the
     * kit creates each {@code NOLOGIN}; a migration grants it what it needs).
     *
     * @param where where the names were given, for messages
     * @throws KitException for a blank name or one with white space
     */
    public ConfigurationBuilder preRoles(String[] roles, String where) {
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
        this.preRoles = List.of(roles);
        return this;
    }

    /** Whether tenants are accounts with a member user each (with the Supabase preset). */
    public ConfigurationBuilder accountMembers(boolean accountMembers) {
        this.accountMembers = accountMembers;
        return this;
    }

    /** Whether an integration (the Spring module) puts the application's data source behind the guard. */
    public ConfigurationBuilder guard(boolean application) {
        this.guardApplication = application;
        return this;
    }

    /**
     * Roles the tenant-context guard allows to run anything (system roles), checked as {@link #preRoles} are.
     *
     * @param where where the names were given, for messages
     * @throws KitException for a blank name or one with white space
     */
    public ConfigurationBuilder guardSystemRoles(String[] roles, String where) {
        for (String role : roles) {
            if (role == null || role.isBlank() || !role.equals(role.strip())
                    || role.chars().anyMatch(Character::isWhitespace)) {
                throw new KitException("Expecting each of " + where + " to be a role's name alone, but got "
                        + (role == null ? "null" : "\"" + role + "\"") + ".\nName the roles the guard allows to run"
                        + " anything (the worker's, the migrations'), as PostgreSQL stores them: \"app_worker\".");
            }
        }
        this.guardSystemRoles = List.of(roles);
        return this;
    }

    /** Annotations of the application's own that mark system paths, besides the kit's {@code @SystemPath}. */
    public ConfigurationBuilder guardSystemPaths(List<Class<? extends Annotation>> annotations) {
        this.guardSystemPaths = List.copyOf(annotations);
        return this;
    }

    /**
     * The configuration, with the overrides applied.
     *
     * @param overrides   a configuration parameter or system property by key
     * @param classLoader where {@code classpath:} locations are found
     */
    public KitConfiguration build(Function<String, Optional<String>> overrides, ClassLoader classLoader) {
        if (accountMembers && !supabase) {
            throw new KitException("Expecting accountMembers with the Supabase preset (supabase = true), which makes"
                    + " the accounts' member users, but the preset is off.\nTurn the preset on, or leave"
                    + " accountMembers out: without the preset a tenant's scope is what tenantRole, tenantSetting and"
                    + " the claims say.");
        }
        List<String> locations = overrides.apply(MIGRATIONS_KEY)
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(migrations);
        String provider = overrides.apply(PROVIDER_KEY).map(String::strip).orElse("embedded");
        ProviderSettings providerSettings = new ProviderSettings(provider,
                overrides.apply(JDBC_URL_KEY).orElse(null),
                overrides.apply(USER_KEY).orElse(null),
                overrides.apply(PASSWORD_KEY).orElse(null),
                overrides.apply(TESTCONTAINERS_IMAGE_KEY).orElse(null),
                overrides.apply(SKIP_WITHOUT_DOCKER_KEY).map(Boolean::parseBoolean).orElse(false));
        return new KitConfiguration(locations, schemas, Map.copyOf(flywayProperties), tenants, seed, tenantColumn,
                Map.copyOf(tableTenantColumns), supabase, scopes(), providerSettings, classLoader, preRoles,
                accountMembers, Map.copyOf(tableTenantExpressions),
                new GuardSettings(guardApplication, guardSystemRoles, guardSystemPaths));
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

    /** A copy, so that a builder can go on after it made one configuration. */
    public ConfigurationBuilder copy() {
        ConfigurationBuilder copy = new ConfigurationBuilder();
        copy.migrations = new ArrayList<>(migrations);
        copy.schemas = new ArrayList<>(schemas);
        copy.tenants = new ArrayList<>(tenants);
        copy.seed = seed;
        copy.tenantColumn = tenantColumn;
        copy.tableTenantColumns.putAll(tableTenantColumns);
        copy.tableTenantExpressions.putAll(tableTenantExpressions);
        copy.tenantRole = tenantRole;
        copy.tenantSetting = tenantSetting;
        copy.tenantSettings.putAll(tenantSettings);
        copy.tenantClaims.putAll(tenantClaims);
        copy.workerRole = workerRole;
        copy.workerSettings.putAll(workerSettings);
        copy.preRoles = preRoles;
        copy.accountMembers = accountMembers;
        copy.guardApplication = guardApplication;
        copy.guardSystemRoles = guardSystemRoles;
        copy.guardSystemPaths = guardSystemPaths;
        copy.workerClaims.putAll(workerClaims);
        copy.named.putAll(named);
        copy.supabase = supabase;
        copy.flywayProperties.putAll(flywayProperties);
        copy.acceptances.addAll(acceptances);
        return copy;
    }
}
