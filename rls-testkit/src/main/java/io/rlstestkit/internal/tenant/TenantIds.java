package io.rlstestkit.internal.tenant;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import org.apiguardian.api.API;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Gives each tenant an id of the tenant column's type: a UUID derived from the key for {@code uuid} columns (and
 * where no table has the column), the tenant's position (1, 2, ...) for integer columns, the key for text columns;
 * or the id the configuration gives, converted to that type.
 */
@API(status = INTERNAL)
public final class TenantIds {

    private TenantIds() {
    }

    /** The UUID the kit derives from a tenant key: stable across runs and machines. */
    public static UUID uuidOf(String key) {
        return UUID.nameUUIDFromBytes(("rls-testkit tenant " + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The tenants, with ids of a type (a tenant column's type name, as {@link #columnType} gives it). */
    public static List<Tenant> assign(List<TenantSpec> specs, String type) {
        List<Tenant> tenants = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            TenantSpec spec = specs.get(i);
            if (spec.key().isEmpty() || !keys.add(spec.key())) {
                throw new KitException("Expecting distinct, non-empty tenant keys, but got " + specs.stream()
                        .map(TenantSpec::key).toList() + ". Fix @RlsTest(tenants = ...).");
            }
            tenants.add(new Tenant(spec.key(), id(spec, i, type)));
        }
        return tenants;
    }

    private static Object id(TenantSpec spec, int position, String type) {
        try {
            return switch (type) {
                case "int2", "int4", "int8", "numeric" ->
                        spec.id() == null ? Long.valueOf(position + 1) : Long.valueOf(spec.id());
                case "text", "varchar", "bpchar", "citext", "name" -> spec.id() == null ? spec.key() : spec.id();
                default -> spec.id() == null ? uuidOf(spec.key()) : UUID.fromString(spec.id());
            };
        } catch (IllegalArgumentException e) {
            throw new KitException("Expecting the id of tenant " + spec.key() + " to be a value of the tenant column's"
                    + " type " + type + ", but it is \"" + spec.id() + "\". Fix the tenant's id.", e);
        }
    }

    /** The type of the tenant column in the migrated schema ({@code uuid} where no table has it). */
    public static String columnType(Catalog catalog, String tenantColumn) {
        Set<String> types = new LinkedHashSet<>();
        for (TableInfo table : catalog.tablesWithColumn(tenantColumn)) {
            catalog.column(table, tenantColumn).map(ColumnInfo::typeName).ifPresent(types::add);
        }
        if (types.isEmpty()) {
            return "uuid";
        }
        if (types.size() > 1 && !(types.stream().allMatch(t -> t.startsWith("int")))) {
            throw new KitException("Expecting the tenant column " + tenantColumn + " to have one type in every table,"
                    + " but it has several: " + types + ". Give the tables one type, or configure the tenant ids.");
        }
        return types.iterator().next();
    }
}
