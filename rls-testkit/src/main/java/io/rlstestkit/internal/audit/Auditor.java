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
     * Audits the database a catalog reads.
     *
     * @param catalog the catalog, as the owner sees it
     * @param scope   what the test's configuration says about tenants
     * @throws KitException where a role of a tenant scope does not exist
     */
    public static List<Finding> audit(Catalog catalog, AuditScope scope) {
        Facts facts = Facts.read(catalog, scope);
        List<Finding> findings = new ArrayList<>();
        TableChecks.run(facts, findings);
        PolicyChecks.run(facts, findings);
        PrivilegeChecks.run(facts, findings);
        findings.sort(Comparator.comparing(Finding::severity).thenComparingInt(finding -> RlsAudit.CODES.indexOf(finding.code()))
                .thenComparing(Finding::object).thenComparing(Finding::message));
        return List.copyOf(findings);
    }

    /** What the checks read, read once. */
    record Facts(Catalog catalog, AuditCatalog more, AuditScope scope, Map<TableInfo, List<String>> tables,
                 Map<String, List<PolicyInfo>> policies, Map<String, RoleInfo> roles) {

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
            AuditCatalog more = new AuditCatalog(catalog);
            return new Facts(catalog, more, scope, more.tables(), policies, roles);
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
