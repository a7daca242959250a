package io.rlstestkit.internal.matrix;

import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;

import java.util.List;

/**
 * Whether the catalog alone proves that a tenant role can insert no row at all into a table: the role lacks the
 * INSERT privilege, or row-level security applies and no permissive INSERT (or ALL) policy applies to the role, so
 * that every row is refused. Then a refusal of another tenant's row needs no positive control.
 */
final class InsertRights {

    private InsertRights() {
    }

    /** Why the role can insert nothing into the table, or {@code null} where the catalog does not prove it. */
    static String refusedByDesign(Catalog catalog, TableInfo table, String role) {
        if (role == null) {
            return null;
        }
        boolean privilege = catalog.query("SELECT has_table_privilege(?, ?::oid, 'INSERT')",
                rows -> rows.getBoolean(1), role, table.oid()).get(0);
        if (!privilege) {
            return "role " + role + " has no INSERT privilege";
        }
        List<String> roles = catalog.role(role).map(RoleInfo::memberOf).orElse(List.of(role));
        boolean permissive = catalog.policies(table).stream().anyMatch(policy -> policy.permissive()
                && policy.appliesTo("INSERT") && policy.appliesToAnyOf(roles));
        if (table.rlsEnabled() && !permissive) {
            return "no permissive INSERT policy applies to role " + role;
        }
        return null;
    }
}
