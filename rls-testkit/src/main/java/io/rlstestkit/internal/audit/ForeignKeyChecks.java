package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.PrivilegeCatalog;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.tenant.TenantTables;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The checks of foreign keys between tenant tables: a key that does not carry the tenant lets a tenant's row reference
 * another tenant's, and a cascade along it changes rows without their policies.
 */
final class ForeignKeyChecks {

    private ForeignKeyChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        Map<String, List<List<String>>> indexes = facts.more().indexKeys();
        PrivilegeCatalog privileges = new PrivilegeCatalog(facts.catalog());
        for (ForeignKeyInfo key : facts.more().foreignKeys()) {
            TenantTables.TenantTable child = facts.tenants().of(key.table());
            TenantTables.TenantTable parent = facts.tenants().of(key.parent());
            if (!child.tenant() || !parent.tenant() || key.table().oid() == key.parent().oid()
                    || child.source() == TenantTables.Source.FOREIGN_KEY
                    || parent.source() == TenantTables.Source.FOREIGN_KEY || carriesTenant(key, child, parent)
                    || supabasesOwn(facts, key) || !tenantsMaySet(facts, key, privileges)
                    || policiesCheckTheParent(facts, key)) {
                continue;
            }
            String childName = key.table().displayName();
            String parentName = key.parent().displayName();
            List<String> childColumns = new ArrayList<>(List.of(child.column()));
            childColumns.addAll(key.columns());
            List<String> parentColumns = new ArrayList<>(List.of(parent.column()));
            parentColumns.addAll(key.parentColumns());
            String onDelete = key.onDelete().equals("NO ACTION") ? "" : " ON DELETE " + key.onDelete();
            boolean unique = indexes.getOrDefault(parentName, List.of()).stream()
                    .anyMatch(index -> new HashSet<>(index).equals(new HashSet<>(parentColumns)));
            String fix = (unique ? "" : "ALTER TABLE " + key.parent().qualifiedName() + " ADD UNIQUE ("
                    + quoted(parentColumns) + "); ") + "ALTER TABLE " + key.table().qualifiedName() + " DROP CONSTRAINT "
                    + Identifiers.quote(key.name()) + ", ADD FOREIGN KEY (" + quoted(childColumns) + ") REFERENCES "
                    + key.parent().qualifiedName() + " (" + quoted(parentColumns) + ")" + onDelete + ";";
            findings.add(new Finding(RlsAudit.FOREIGN_KEY_CROSSES_TENANTS, childName, "Foreign key " + key.name()
                    + " of " + childName + " (" + String.join(", ", key.columns()) + ") references " + parentName
                    + " (" + String.join(", ", key.parentColumns()) + ") without the tenant column on both sides ("
                    + child.column() + ", " + parent.column() + "): a foreign key check is not subject to row-level"
                    + " security, so a tenant can make its rows of " + childName + " reference another tenant's row of "
                    + parentName + ", and learn from the error which ids exist. Make the key carry the tenant: " + fix,
                    Severity.WARNING));
            if (key.deleteChangesReferencingRows()) {
                String action = key.onDelete().equals("CASCADE") ? "deletes the rows of " + childName
                        + " that reference it" : "sets the key of the rows of " + childName + " that reference it"
                        + " to " + (key.onDelete().equals("SET NULL") ? "NULL" : "its default");
                findings.add(new Finding(RlsAudit.CASCADE_BYPASSES_RLS, childName, "Foreign key " + key.name() + " of "
                        + childName + " (" + String.join(", ", key.columns()) + ") references " + parentName
                        + " ON DELETE " + key.onDelete() + ": deleting a row of " + parentName + " "
                        + action + " without " + childName + "'s policies, which a cascade does not apply, whatever the"
                        + " tenant of those rows. With the tenant in the key, a cascade reaches only the same tenant's"
                        + " rows: " + fix, Severity.INFO));
            }
        }
    }

    /**
     * Whether the key is one of Supabase's own, between tables of the schemas the preset makes as Supabase ships them
     * ({@code storage.objects} to {@code storage.buckets}): the project does not write it, and cannot change it.
     */
    private static boolean supabasesOwn(Auditor.Facts facts, ForeignKeyInfo key) {
        return facts.scope().supabase() && TableChecks.SUPABASE_SCHEMAS.contains(key.table().schema())
                && TableChecks.SUPABASE_SCHEMAS.contains(key.parent().schema());
    }

    /**
     * Whether a tenant scope's role subject to row-level security may set the key: it may insert or update one of
     * its columns, and the child's row-level security is off or a permissive INSERT, UPDATE or ALL policy applies to
     * it. A key that only the worker or the service writes (billing rows a payment webhook keeps) is none of a
     * tenant's doing.
     */
    private static boolean tenantsMaySet(Auditor.Facts facts, ForeignKeyInfo key, PrivilegeCatalog privileges) {
        List<RoleInfo> roles = facts.rolesSubjectToRls();
        if (roles.isEmpty()) {
            return false;
        }
        List<String> writers = privileges.writersOf(key.table().oid(), key.columns(),
                roles.stream().map(RoleInfo::name).toList());
        List<PolicyInfo> policies = facts.policies().getOrDefault(key.table().displayName(), List.of());
        return roles.stream().filter(role -> writers.contains(role.name())).anyMatch(role ->
                !key.table().rlsEnabled() || policies.stream().anyMatch(policy -> policy.permissive()
                        && !policy.command().equals("SELECT") && !policy.command().equals("DELETE")
                        && policy.appliesToAnyOf(role.memberOf())));
    }

    private static String quoted(List<String> columns) {
        return String.join(", ", columns.stream().map(Identifiers::quote).toList());
    }

    /**
     * Whether the child's write policies read the referenced row through the parent table, which the parent's own
     * policies filter ({@code WITH CHECK (EXISTS (SELECT 1 FROM parent p WHERE p.id = parent_id))}): a restrictive one
     * that does, or every permissive one. Such a check refuses a key to another tenant's row before the foreign key's
     * check runs, so the key neither attaches rows nor tells which ids exist.
     */
    private static boolean policiesCheckTheParent(Auditor.Facts facts, ForeignKeyInfo key) {
        List<PolicyInfo> writes = facts.policies().getOrDefault(key.table().displayName(), List.of()).stream()
                .filter(policy -> policy.appliesTo("INSERT") || policy.appliesTo("UPDATE")).toList();
        List<PolicyInfo> permissive = writes.stream().filter(PolicyInfo::permissive).toList();
        return writes.stream().filter(policy -> !policy.permissive()).anyMatch(policy -> checksParent(policy, key))
                || !permissive.isEmpty() && permissive.stream().allMatch(policy -> checksParent(policy, key));
    }

    private static boolean checksParent(PolicyInfo policy, ForeignKeyInfo key) {
        String check = policy.withCheck() != null ? policy.withCheck() : policy.using();
        return TenantTables.readsTable(check, key.parent()) && key.columns().stream()
                .allMatch(column -> check.contains(Identifiers.quote(column)));
    }

    /** Whether a column that ties the child's rows to a tenant references one that ties the parent's. */
    private static boolean carriesTenant(ForeignKeyInfo key, TenantTables.TenantTable child,
                                         TenantTables.TenantTable parent) {
        return child.columns().stream().anyMatch(column -> {
            String referenced = key.parentColumnOf(column);
            return referenced != null && parent.columns().contains(referenced);
        });
    }
}
