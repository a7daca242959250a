package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.AuditCatalog;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import org.apiguardian.api.API;
import io.rlstestkit.internal.tenant.TenantTables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Reads the catalog once and runs every check of the audit on what it read: tables, policies, privileges. Knows
 * nothing of JUnit; the result is the findings, by severity, code and object.
 */
@API(status = INTERNAL)
public final class Auditor {

    private Auditor() {
    }

    /**
     * What an audit found.
     *
     * @param findings     the findings, by severity, code and object
     * @param sharedTables the tables with row-level security or policies that hold no tenant's rows, each with why,
     *                     which the isolation checks left out: {@code public.settings (no tenant column, ...)}
     */
    public record Report(List<Finding> findings, List<String> sharedTables) {
    }

    /**
     * Audits the database a catalog reads.
     *
     * @param catalog the catalog, as the owner sees it
     * @param scope   what the test's configuration says about tenants
     * @throws KitException where a role of a tenant scope does not exist
     */
    public static Report audit(Catalog catalog, AuditScope scope) {
        Facts facts = Facts.read(catalog, scope);
        List<Finding> findings = new ArrayList<>();
        TableChecks.run(facts, findings);
        PolicyChecks.run(facts, findings);
        PrivilegeChecks.run(facts, findings);
        TenantChecks.run(facts, findings);
        GrantChecks.run(facts, findings);
        PolicyCostChecks.run(facts, findings);
        findings.sort(Comparator.comparing(Finding::severity).thenComparingInt(finding -> RlsAudit.CODES.indexOf(finding.code()))
                .thenComparing(Finding::object).thenComparing(Finding::message));
        List<String> shared = new ArrayList<>();
        for (TenantTables.TenantTable table : facts.tenants().all()) {
            List<PolicyInfo> policies = facts.policies().getOrDefault(table.table().displayName(), List.of());
            boolean preset = scope.supabase() && TableChecks.SUPABASE_SCHEMAS.contains(table.table().schema());
            if (!table.tenant() && !preset && (table.table().rlsEnabled() || !policies.isEmpty())) {
                shared.add(table.table().displayName() + " (no column " + facts.tenantColumnOf(table.table())
                        + (policies.isEmpty() ? ", no policy" : ", and no policy compares a column with the tenant")
                        + ")");
            }
        }
        return new Report(List.copyOf(findings), List.copyOf(shared));
    }

    /** What the checks read, read once. */
    record Facts(Catalog catalog, AuditCatalog more, AuditScope scope, Map<TableInfo, List<String>> tables,
                 Map<String, List<PolicyInfo>> policies, Map<String, RoleInfo> roles, TenantTables tenants) {

        static Facts read(Catalog catalog, AuditScope scope) {
            Map<String, RoleInfo> roles = new LinkedHashMap<>();
            scope.tenantRoles().forEach((name, use) -> roles.put(name, catalog.role(name).orElseThrow(() ->
                    new KitException("Expecting role " + name + ", " + use + ", to exist, but there is no such role."
                            + " Roles there are: " + String.join(", ", catalog.roleNames()) + ".\nCreate it in a"
                            + " migration, or fix the role in the configuration."))));
            Map<String, List<PolicyInfo>> policies = new LinkedHashMap<>();
            for (PolicyInfo policy : catalog.allPolicies()) {
                policies.computeIfAbsent(policy.table(), key -> new ArrayList<>()).add(policy);
            }
            scope.workerRoles().forEach((name, use) -> catalog.role(name).orElseThrow(() ->
                    new KitException("Expecting role " + name + ", " + use + ", to exist, but there is no such role."
                            + " Roles there are: " + String.join(", ", catalog.roleNames()) + ".\nCreate it in a"
                            + " migration, or fix the role in the configuration.")));
            AuditCatalog more = new AuditCatalog(catalog);
            Map<TableInfo, List<String>> tables = more.tables();
            TenantTables tenants = TenantTables.of(tables, policies, more.foreignKeys(),
                    more.functionsCalledByPolicies(), scope.tenantColumnOf(), scope.tenantSettings());
            return new Facts(catalog, more, scope, tables, policies, roles, tenants);
        }

        /** Whether a table holds tenants' rows (configured, found from its policies, or reached by a foreign key). */
        boolean tenantTable(TableInfo table) {
            return tenants.of(table).tenant();
        }

        /** A table by its schema-qualified name, or {@code null}. */
        TableInfo table(String name) {
            return tables.keySet().stream().filter(table -> table.displayName().equals(name)).findFirst().orElse(null);
        }

        /** The roles of the tenant scopes subject to row-level security that a policy applies to. */
        List<RoleInfo> tenantRolesOf(PolicyInfo policy) {
            return rolesSubjectToRls().stream().filter(role -> policy.appliesToAnyOf(role.memberOf())).toList();
        }

        /** Whether a policy applies to PUBLIC or to a role of a tenant scope subject to row-level security. */
        boolean forTenants(PolicyInfo policy) {
            return policy.roles().contains("public") || !tenantRolesOf(policy).isEmpty();
        }

        /** The tenant column of a table. */
        String tenantColumnOf(TableInfo table) {
            return scope.tenantColumnOf().apply(table.schema(), table.name());
        }

        /** Whether a table has its tenant column. */
        boolean hasTenantColumn(TableInfo table) {
            return tables.getOrDefault(table, List.of()).contains(tenantColumnOf(table));
        }

        /** Whether a table is tenant-scoped: it has the tenant column or row-level security. */
        boolean tenantScoped(TableInfo table) {
            return table.rlsEnabled() || hasTenantColumn(table);
        }

        /** The tables with row-level security, by schema-qualified name. */
        Map<String, TableInfo> rlsTables() {
            Map<String, TableInfo> rls = new LinkedHashMap<>();
            tables.keySet().stream().filter(TableInfo::rlsEnabled).forEach(table -> rls.put(table.displayName(), table));
            return rls;
        }

        /** The roles of the tenant scopes that row-level security applies to. */
        List<RoleInfo> rolesSubjectToRls() {
            return roles.values().stream().filter(role -> !role.bypassesRls()).toList();
        }

        /** A role of a tenant scope, for messages: {@code app_user, the tenant role}. */
        String describe(String role) {
            return role + ", " + scope.tenantRoles().get(role);
        }
    }
}
