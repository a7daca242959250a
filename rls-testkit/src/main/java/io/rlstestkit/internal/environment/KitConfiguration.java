package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.scope.ScopeDefinitions;
import io.rlstestkit.internal.tenant.TenantSpec;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Everything a test class configures, after the annotation or builder and the overrides are merged.
 *
 * @param migrations         Flyway locations
 * @param schemas            Flyway schemas
 * @param flywayProperties   further Flyway configuration ({@code flyway.*} keys)
 * @param tenants            the tenants to seed
 * @param seed               the seed script's location, or {@code ""}
 * @param tenantColumn       the column that holds the tenant id
 * @param tableTenantColumns per-table exceptions to the tenant column (table name to column)
 * @param supabase           whether the Supabase preset runs before the migrations
 * @param scopes             the scopes
 * @param provider           where PostgreSQL comes from
 * @param classLoader        where {@code classpath:} locations are found
 * @param preRoles           roles created before migrating, where they do not exist yet (the platform's roles)
 * @param accountMembers     whether tenants are accounts with a member user each (see
 *                           {@link io.rlstestkit.internal.tenant.AccountMembers})
 * @param tableTenantExpressions tables whose tenant is an SQL expression rather than a column (table name to
 *                           expression, as {@code (storage.foldername(name))[1]})
 * @param guard              the tenant-context guard's settings
 */
@API(status = INTERNAL)
public record KitConfiguration(List<String> migrations, List<String> schemas, Map<String, String> flywayProperties,
                               List<TenantSpec> tenants, String seed, String tenantColumn,
                               Map<String, String> tableTenantColumns, boolean supabase, ScopeDefinitions scopes,
                               ProviderSettings provider, ClassLoader classLoader, List<String> preRoles,
                               boolean accountMembers, Map<String, String> tableTenantExpressions,
                               GuardSettings guard) {

    /** The tenant of a Supabase {@code storage.objects} row: the first folder of its name, as its policies read it. */
    public static final String STORAGE_FOLDER = "(storage.foldername(name))[1]";

    /** A configuration without settings of the tenant-context guard. */
    public KitConfiguration(List<String> migrations, List<String> schemas, Map<String, String> flywayProperties,
                            List<TenantSpec> tenants, String seed, String tenantColumn,
                            Map<String, String> tableTenantColumns, boolean supabase, ScopeDefinitions scopes,
                            ProviderSettings provider, ClassLoader classLoader, List<String> preRoles,
                            boolean accountMembers, Map<String, String> tableTenantExpressions) {
        this(migrations, schemas, flywayProperties, tenants, seed, tenantColumn, tableTenantColumns, supabase, scopes,
                provider, classLoader, preRoles, accountMembers, tableTenantExpressions, GuardSettings.NONE);
    }

    /** A configuration without tenant expressions. */
    public KitConfiguration(List<String> migrations, List<String> schemas, Map<String, String> flywayProperties,
                            List<TenantSpec> tenants, String seed, String tenantColumn,
                            Map<String, String> tableTenantColumns, boolean supabase, ScopeDefinitions scopes,
                            ProviderSettings provider, ClassLoader classLoader, List<String> preRoles,
                            boolean accountMembers) {
        this(migrations, schemas, flywayProperties, tenants, seed, tenantColumn, tableTenantColumns, supabase, scopes,
                provider, classLoader, preRoles, accountMembers, Map.of(), GuardSettings.NONE);
    }

    /** A configuration without roles to create before migrating. */
    public KitConfiguration(List<String> migrations, List<String> schemas, Map<String, String> flywayProperties,
                            List<TenantSpec> tenants, String seed, String tenantColumn,
                            Map<String, String> tableTenantColumns, boolean supabase, ScopeDefinitions scopes,
                            ProviderSettings provider, ClassLoader classLoader) {
        this(migrations, schemas, flywayProperties, tenants, seed, tenantColumn, tableTenantColumns, supabase, scopes,
                provider, classLoader, List.of(), false, Map.of(), GuardSettings.NONE);
    }

    /**
     * What decides the migrated and seeded template database: configurations that agree on it share one. The
     * scopes do not: each test class brings its own.
     */
    public TemplateKey templateKey() {
        return new TemplateKey(roleDomain(), tenants, seed, tenantColumn, accountMembers);
    }

    /**
     * What decides the roles the migrations create: configurations that agree on it may share a server; roles
     * belong to a whole server, so configurations that do not must not.
     */
    public RoleDomain roleDomain() {
        return new RoleDomain(migrations, schemas, flywayProperties, supabase, provider, preRoles);
    }

    /** The tenant column of a table, where the configuration makes an exception for it. */
    public String tenantColumnOf(String schema, String table) {
        String qualified = tableTenantColumns.get(schema + "." + table);
        if (qualified != null) {
            return qualified;
        }
        return tableTenantColumns.getOrDefault(table, tenantColumn);
    }

    /**
     * The SQL expression that gives a table's tenant, where the configuration gives one instead of a column, else
     * {@code null}.
     */
    public String tenantExpressionOf(String schema, String table) {
        return tableTenantExpressions.getOrDefault(schema + "." + table, tableTenantExpressions.get(table));
    }

    /**
     * The tenant expression the Supabase preset knows for a table where the configuration gives it neither a column nor
     * an expression, else {@code null}: {@code storage.objects} belongs to the first folder of its name
     * ({@link #STORAGE_FOLDER}), where its policies read it so.
     */
    public String presetTenantExpressionOf(String schema, String table) {
        String qualified = schema + "." + table;
        boolean given = tableTenantColumns.containsKey(qualified) || tableTenantColumns.containsKey(table)
                || tenantExpressionOf(schema, table) != null;
        return supabase && qualified.equals("storage.objects") && !given ? STORAGE_FOLDER : null;
    }

    /**
     * Identifies a server's roles, and the migrated database that every template of these migrations is copied from.
     */
    public record RoleDomain(List<String> migrations, List<String> schemas, Map<String, String> flywayProperties,
                             boolean supabase, ProviderSettings provider, List<String> preRoles) {
    }

    /** Identifies a template database. */
    public record TemplateKey(RoleDomain roleDomain, List<TenantSpec> tenants, String seed, String tenantColumn,
                              boolean accountMembers) {
    }
}
