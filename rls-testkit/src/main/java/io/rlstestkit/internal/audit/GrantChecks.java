package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.PrivilegeCatalog;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.catalog.TruncateHolders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of privileges that act past policies (TRUNCATE, TRIGGER, REFERENCES) and of roles a tenant role may
 * become.
 */
final class GrantChecks {

    /**
     * Supabase's role for requests without a signed-in user: with the preset, whoever has the project's public key
     * acts as it, so what it holds past the policies counts as a tenant role's.
     */
    private static final String ANON = "anon";

    private GrantChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        PrivilegeCatalog privileges = new PrivilegeCatalog(facts.catalog());
        List<String> tenantRoles = new ArrayList<>(facts.rolesSubjectToRls().stream().map(RoleInfo::name).toList());
        if (facts.scope().supabase() && !tenantRoles.contains(ANON) && !facts.scope().workerRoles().containsKey(ANON)
                && facts.catalog().role(ANON).map(info -> !info.bypassesRls()).orElse(false)) {
            tenantRoles.add(ANON);
        }
        List<String> roles = new ArrayList<>(tenantRoles);
        facts.scope().workerRoles().keySet().stream()
                .filter(role -> facts.catalog().role(role).map(info -> !info.bypassesRls()).orElse(false))
                .forEach(roles::add);
        Map<TableInfo, Set<String>> truncate = new LinkedHashMap<>();
        Map<TableInfo, Set<String>> owning = new LinkedHashMap<>();
        Map<TableInfo, Map<String, Set<String>>> acting = new LinkedHashMap<>();
        Map<String, Boolean> creates = new LinkedHashMap<>();
        for (PrivilegeCatalog.TablePrivilege privilege : privileges.privilegesOnRlsTables(roles)) {
            TableInfo table = privilege.table();
            if (facts.scope().supabase() && TableChecks.SUPABASE_SCHEMAS.contains(table.schema())) {
                continue;
            }
            if (privilege.asOwner()) {
                if (tenantRoles.contains(privilege.role())) {
                    owning.computeIfAbsent(table, key -> new LinkedHashSet<>()).add(privilege.role());
                }
            } else if (privilege.privilege().equals("TRUNCATE")) {
                truncate.computeIfAbsent(table, key -> new LinkedHashSet<>()).add(privilege.role());
            } else if (tenantRoles.contains(privilege.role()) && (privilege.privilege().equals("TRIGGER")
                    || creates.computeIfAbsent(privilege.role(), role -> !privileges.schemasWithCreate(role).isEmpty()))) {
                acting.computeIfAbsent(table, key -> new LinkedHashMap<>())
                        .computeIfAbsent(privilege.privilege(), key -> new LinkedHashSet<>()).add(privilege.role());
            }
        }
        truncate.forEach((table, holders) -> findings.add(new Finding(RlsAudit.TRUNCATE_GRANTED, table.displayName(),
                TruncateHolders.granted(table, List.copyOf(holders), role -> name(facts, role)), Severity.ERROR)));
        owning.forEach((table, holders) -> findings.add(new Finding(RlsAudit.TRUNCATE_GRANTED, table.displayName(),
                TruncateHolders.owned(table, List.copyOf(holders), role -> name(facts, role)), Severity.ERROR)));
        acting.forEach((table, held) -> {
            List<String> parts = new ArrayList<>();
            List<String> why = new ArrayList<>();
            Set<String> holders = new LinkedHashSet<>();
            if (held.containsKey("TRIGGER")) {
                parts.add(describe(facts, held.get("TRIGGER")) + " TRIGGER");
                why.add("a trigger it creates on " + table.displayName() + " runs on every tenant's writes, with their"
                        + " rows, and may copy them anywhere it can write");
                holders.addAll(held.get("TRIGGER"));
            }
            if (held.containsKey("REFERENCES")) {
                parts.add(describe(facts, held.get("REFERENCES")) + " REFERENCES, and may create tables,");
                why.add("a foreign key from a table of its own to " + table.displayName() + " is checked without"
                        + " row-level security, so it tells which of every tenant's keys exist");
                holders.addAll(held.get("REFERENCES"));
            }
            findings.add(new Finding(RlsAudit.TRUNCATE_GRANTED, table.displayName(), String.join("; ", parts) + " on "
                    + table.displayName() + ", which has row-level security: " + String.join("; ", why)
                    + ". Revoke what the application does not use: REVOKE " + String.join(", ", held.keySet())
                    + " ON " + table.qualifiedName() + " FROM " + String.join(", ", holders) + ", PUBLIC;",
                    Severity.WARNING));
        });
        for (PrivilegeCatalog.Membership membership : privileges.bypassingRolesReachable(
                facts.rolesSubjectToRls().stream().map(RoleInfo::name).toList())) {
            findings.add(new Finding(RlsAudit.ROLE_CAN_BECOME_BYPASS, membership.role(),
                    facts.describe(membership.role()) + ", is a member of " + membership.target() + ", "
                    + membership.reason() + ": a tenant's SQL may SET ROLE " + membership.target() + " (or uses its"
                    + " privileges), and then row-level security no longer holds it. Revoke the membership: REVOKE "
                    + membership.target() + " FROM " + membership.role() + ";", Severity.ERROR));
        }
    }

    /** {@code app_user, the tenant role, holds} or {@code app_user, the tenant role; app_worker, the worker role, hold}. */
    private static String describe(Auditor.Facts facts, Set<String> roles) {
        List<String> names = roles.stream().map(role -> name(facts, role)).toList();
        return String.join("; ", names) + (names.size() == 1 ? ", holds" : ", hold");
    }

    /** {@code app_user, the tenant role}. */
    private static String name(Auditor.Facts facts, String role) {
        return role + ", " + (facts.scope().tenantRoles().containsKey(role) ? facts.scope().tenantRoles().get(role)
                : facts.scope().workerRoles().containsKey(role) ? facts.scope().workerRoles().get(role)
                : "the role of Supabase's anonymous requests");
    }
}
