package io.rlstestkit.benchmark;

import io.rlstestkit.internal.environment.ConfigurationBuilder;
import io.rlstestkit.internal.environment.KitConfiguration;
import io.rlstestkit.internal.tenant.TenantSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration {@code @RlsTest} would make for a schema: its migrations and seed, tenants {@code a} and
 * {@code b}, the tenant role and setting, the worker role, embedded PostgreSQL. Built by the kit's own
 * {@link ConfigurationBuilder}, as the annotation's is, without overrides.
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
        return new ConfigurationBuilder()
                .migrations(List.of(migrations))
                .tenants(tenants)
                .seed(schema.seedLocation(root))
                .tenantRole(schema.tenantRole())
                .tenantSetting(schema.tenantSetting())
                .workerRole(schema.workerRole())
                .build(key -> Optional.empty(), KitConfigurations.class.getClassLoader());
    }

    /** Tenants {@code a} and {@code b} with the ids the kit derives from their keys. */
    static List<TenantSpec> defaultTenants() {
        return List.of(new TenantSpec("a", null), new TenantSpec("b", null));
    }
}
