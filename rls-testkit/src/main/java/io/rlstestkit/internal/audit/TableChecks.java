package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks of tables: row-level security on, forced, with a policy (a permissive one); foreign keys between tenant
 * tables.
 */
final class TableChecks {

    /** The schemas the Supabase preset makes, as Supabase ships them. */
    static final Set<String> SUPABASE_SCHEMAS = Set.of("auth", "storage");

    private TableChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        for (TableInfo table : facts.tables().keySet()) {
            String name = table.displayName();
            if (!table.rlsEnabled() && facts.hasTenantColumn(table)) {
                findings.add(new Finding(RlsAudit.RLS_DISABLED, name, name + " has the tenant column "
                        + facts.tenantColumnOf(table) + " but row-level security is off: every role that may read it"
                        + " reads every tenant's rows. Enable and force it, and add a tenant policy: ALTER TABLE "
                        + table.qualifiedName() + " ENABLE ROW LEVEL SECURITY; ALTER TABLE " + table.qualifiedName()
                        + " FORCE ROW LEVEL SECURITY; CREATE POLICY ... USING (...) WITH CHECK (...).", Severity.ERROR));
            }
            if (table.rlsEnabled() && !(facts.scope().supabase() && SUPABASE_SCHEMAS.contains(table.schema()))) {
                List<PolicyInfo> policies = facts.policies().getOrDefault(name, List.of());
                if (policies.isEmpty()) {
                    findings.add(new Finding(RlsAudit.NO_POLICY, name, name + " has row-level security enabled but"
                            + " no policy: every role subject to it reads no row and writes none. Add the tenant"
                            + " policy (CREATE POLICY ... USING (...) WITH CHECK (...)), or, where only roles that"
                            + " bypass row-level security use the table, say so by accepting this finding.",
                            Severity.WARNING));
                } else {
                    restrictiveOnly(facts, name, policies, findings);
                }
            }
        }
        notForced(facts, findings);
        ForeignKeyChecks.run(facts, findings);
    }

    /**
     * Where only RESTRICTIVE policies apply to a tenant scope's role: they narrow what a permissive policy grants, and
     * none does, so that role reads no row. Not where no policy applies to it at all (a table of other roles).
     */
    private static void restrictiveOnly(Auditor.Facts facts, String table, List<PolicyInfo> policies,
                                        List<Finding> findings) {
        List<String> roles = new ArrayList<>();
        Set<String> restrictive = new LinkedHashSet<>();
        for (RoleInfo role : facts.rolesSubjectToRls()) {
            List<PolicyInfo> applying = policies.stream().filter(policy -> policy.appliesToAnyOf(role.memberOf()))
                    .toList();
            if (!applying.isEmpty() && applying.stream().noneMatch(PolicyInfo::permissive)) {
                roles.add(role.name());
                applying.forEach(policy -> restrictive.add(policy.name()));
            }
        }
        if (roles.isEmpty()) {
            return;
        }
        String applyTo = roles.stream().map(facts::describe).collect(Collectors.joining("; "));
        findings.add(new Finding(RlsAudit.NO_POLICY, table, table + " has row-level security enabled, and only"
                + " RESTRICTIVE policies apply to " + applyTo + " (" + String.join(", ", restrictive) + "): restrictive"
                + " policies only narrow what a permissive policy grants, and none does, so the scopes that use "
                + String.join(", ", roles) + " read no row and write none. Add a PERMISSIVE policy with the tenant"
                + " condition (CREATE POLICY ... AS PERMISSIVE ... USING (...) WITH CHECK (...)); the restrictive ones"
                + " still narrow it.", Severity.WARNING));
    }

    private static void notForced(Auditor.Facts facts, List<Finding> findings) {
        Set<String> reported = new LinkedHashSet<>();
        for (RoleInfo role : facts.rolesSubjectToRls()) {
            for (TableInfo table : facts.catalog().ownedWithoutForce(role.name())) {
                if (!reported.add(table.displayName())) {
                    continue;
                }
                String owner = table.owner().equals(role.name()) ? "owned by " + facts.describe(role.name())
                        : "owned by " + table.owner() + ", whose privileges " + facts.describe(role.name()) + " has";
                findings.add(new Finding(RlsAudit.RLS_NOT_FORCED, table.displayName(), table.displayName()
                        + " has row-level security enabled but not forced, and is " + owner + ": a table's owner"
                        + " bypasses its policies, so the scopes that use " + role.name() + " read every tenant's rows."
                        + " Force it: ALTER TABLE "
                        + table.qualifiedName() + " FORCE ROW LEVEL SECURITY; or let a role that no tenant scope uses"
                        + " own it.", Severity.ERROR));
            }
        }
    }
}
