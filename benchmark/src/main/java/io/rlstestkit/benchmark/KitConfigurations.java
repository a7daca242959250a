package io.rlstestkit.benchmark;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.environment.ProviderSettings;
import io.rlstestkit.internal.scope.ScopeDefinitions;
import io.rlstestkit.internal.scope.ScopeTemplate;
import io.rlstestkit.internal.tenant.TenantSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration {@code @RlsTest} would make for a schema: its migrations and seed, tenants {@code a} and
 * {@code b}, the tenant role and setting, the worker role, embedded PostgreSQL.
 */
final class KitConfigurations {

    private KitConfigurations() {
    }

    /**
     * The configuration for two tenants.
     *
     * @param tenants tenants {@code a} and {@code b}, with ids of their own or with the ids the kit derives
     */
    static KitConfiguration of(ExampleSchema schema, Path root, List<TenantSpec> tenants) {
        return of(schema, root, tenants, schema.migrationLocation(root));
    }

    /** The configuration for two tenants, with the migrations at another location. */
    static KitConfiguration of(ExampleSchema schema, Path root, List<TenantSpec> tenants, String migrations) {
        Map<String, Function<Tenant, Object>> tenantSettings = Map.of(schema.tenantSetting(), Tenant::id);
        ScopeDefinitions scopes = new ScopeDefinitions(
                new ScopeTemplate(schema.tenantRole(), tenantSettings, null, true),
                new ScopeTemplate(schema.workerRole(), Map.of(), null, false),
                Map.of());
        return new KitConfiguration(List.of(migrations), List.of(), Map.of(), tenants,
                schema.seedLocation(root), "tenant_id", Map.of(), false, scopes, ProviderSettings.EMBEDDED,
                KitConfigurations.class.getClassLoader());
    }

    /** Tenants {@code a} and {@code b} with the ids the kit derives from their keys. */
    static List<TenantSpec> defaultTenants() {
        return List.of(new TenantSpec("a", null), new TenantSpec("b", null));
    }
}
