package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.tenant.PolicyExpression;
import io.rlstestkit.internal.tenant.TenantTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks of what policies compare: with the tenant's identity or not, with settings nobody sets, with a setting
 * that switches isolation off. Isolation checks run on tenant tables only ({@link TenantTables}).
 */
final class TenantChecks {

    private TenantChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        Map<String, String> functions = facts.more().functionsCalledByPolicies();
        for (Map.Entry<String, List<PolicyInfo>> entry : facts.policies().entrySet()) {
            TableInfo table = facts.table(entry.getKey());
            if (table == null) {
                continue;
            }
            if (!table.rlsEnabled() && !facts.hasTenantColumn(table)) {
                policyWithoutRls(table, entry.getValue(), findings);
            }
            List<String> columns = facts.tables().get(table);
            for (PolicyInfo policy : entry.getValue()) {
                if (unsetSettings(facts, table, columns, policy, functions, findings) || !facts.tenantTable(table)
                        || !policy.permissive() || !facts.forTenants(policy) || bypassBySetting(facts, policy, findings)) {
                    continue;
                }
                if (!ignoresTenant(facts, table, columns, policy, entry.getValue(), findings)) {
                    withCheckIgnoresTenant(facts, table, columns, policy, entry.getValue(), findings);
                }
            }
        }
    }

    private static void policyWithoutRls(TableInfo table, List<PolicyInfo> policies, List<Finding> findings) {
        String names = String.join(", ", policies.stream().map(PolicyInfo::name).toList());
        findings.add(new Finding(RlsAudit.POLICY_WITHOUT_RLS, table.displayName(), table.displayName() + " has "
                + (policies.size() == 1 ? "a policy (" : policies.size() + " policies (") + names + ") but row-level"
                + " security is off: PostgreSQL ignores policies until it is on, so every role with a grant reads and"
                + " writes every row. Turn it on: ALTER TABLE " + table.qualifiedName() + " ENABLE ROW LEVEL SECURITY;"
                + " ALTER TABLE " + table.qualifiedName() + " FORCE ROW LEVEL SECURITY;", Severity.ERROR));
    }

    /** A permissive policy whose expression constrains no tenant column and reads no tenant identity. */
    private static boolean ignoresTenant(Auditor.Facts facts, TableInfo table, List<String> columns,
                                         PolicyInfo policy, List<PolicyInfo> onTable, List<Finding> findings) {
        if (policy.command().equals("INSERT") || policy.using() == null) {
            return false;
        }
        PolicyExpression using = PolicyExpression.of(policy.using());
        if (using.isTrue() || constrainsTenant(facts, table, columns, policy.using())) {
            return false;
        }
        List<RoleInfo> roles = facts.tenantRolesOf(policy);
        if (narrowed(facts, table, columns, policy, onTable, roles, false)) {
            return false;
        }
        TenantTables.TenantTable tenant = facts.tenants().of(table);
        boolean select = policy.command().equals("SELECT");
        findings.add(new Finding(RlsAudit.POLICY_IGNORES_TENANT, table.displayName(), "Policy " + policy.name()
                + " on " + table.displayName() + " (PERMISSIVE, " + policy.command() + ", to "
                + String.join(", ", policy.roles()) + ") admits rows by USING (" + policy.using() + "), which"
                + " constrains none of the columns that tie a row to its tenant (" + String.join(", ", tenant.columns())
                + ") and reads no tenant identity: permissive policies are OR-ed, so " + who(policy) + " may "
                + verbs(policy.command()) + " every tenant's rows that match it. "
                + (select ? "Where these rows are public by design, accept this finding with that justification;"
                + " otherwise add" : "Add") + " the tenant condition: ALTER POLICY " + quote(policy.name()) + " ON "
                + table.qualifiedName() + " USING ((" + policy.using() + ") AND " + condition(facts, table) + ").",
                select ? Severity.WARNING : Severity.ERROR));
        return true;
    }

    private static void withCheckIgnoresTenant(Auditor.Facts facts, TableInfo table, List<String> columns,
                                               PolicyInfo policy, List<PolicyInfo> onTable, List<Finding> findings) {
        if (policy.command().equals("SELECT") || policy.command().equals("DELETE")) {
            return;
        }
        String check = policy.withCheck() != null ? policy.withCheck()
                : policy.command().equals("INSERT") ? null : policy.using();
        if (check == null || PolicyExpression.of(check).isTrue() || checksTenant(facts, table, columns, check)) {
            return;
        }
        if (narrowed(facts, table, columns, policy, onTable, facts.tenantRolesOf(policy), true)) {
            return;
        }
        TenantTables.TenantTable tenant = facts.tenants().of(table);
        String clause = policy.withCheck() != null ? "WITH CHECK (" + check + ")"
                : "no WITH CHECK, so its USING (" + check + ") checks the rows it writes";
        findings.add(new Finding(RlsAudit.WITH_CHECK_IGNORES_TENANT, table.displayName(), "Policy " + policy.name()
                + " on " + table.displayName() + " (PERMISSIVE, " + policy.command() + ", to "
                + String.join(", ", policy.roles()) + ") has " + clause + ": it constrains none of the columns that"
                + " tie a row to its tenant (" + String.join(", ", tenant.columns()) + "): " + who(policy)
                + " may write rows that belong to another tenant. Check the tenant: ALTER POLICY "
                + quote(policy.name()) + " ON " + table.qualifiedName() + " WITH CHECK ((" + check + ") AND "
                + condition(facts, table) + ").", Severity.ERROR));
    }

    /**
     * Whether an expression ties rows to their tenant: it compares a tenant column with the tenant's identity, reads
     * the identity (a SECURITY DEFINER check such as {@code is_super_admin()}), or reads another tenant table in a
     * subquery, which that table's own policies filter.
     */
    private static boolean constrainsTenant(Auditor.Facts facts, TableInfo table, List<String> columns,
                                            String expression) {
        TenantTables tenants = facts.tenants();
        return !tenants.constrainedColumns(table, columns, expression).isEmpty() || tenants.readsIdentity(expression)
                || tenants.readsTenantTable(expression, table);
    }

    /**
     * Whether a WITH CHECK ties the rows it admits to their tenant: as {@link #constrainsTenant}, except that an
     * identity only tested for presence ({@code auth.uid() IS NOT NULL}) ties no row to anybody.
     */
    private static boolean checksTenant(Auditor.Facts facts, TableInfo table, List<String> columns, String expression) {
        TenantTables tenants = facts.tenants();
        return !tenants.constrainedColumns(table, columns, expression).isEmpty()
                || tenants.readsIdentity(PrintedSql.withoutNullTests(expression))
                || tenants.readsTenantTable(expression, table);
    }

    /** Whether restrictive policies that constrain the tenant narrow the policy for every tenant role it applies to. */
    private static boolean narrowed(Auditor.Facts facts, TableInfo table, List<String> columns, PolicyInfo policy,
                                    List<PolicyInfo> onTable, List<RoleInfo> roles, boolean check) {
        if (roles.isEmpty()) {
            return false;
        }
        Predicate<PolicyInfo> constrains = other -> {
            String expression = check && other.withCheck() != null ? other.withCheck() : other.using();
            return expression != null && constrainsTenant(facts, table, columns, expression);
        };
        return roles.stream().allMatch(role -> onTable.stream().anyMatch(other -> !other.permissive()
                && (other.command().equals("ALL") || other.command().equals(policy.command()))
                && other.appliesToAnyOf(role.memberOf()) && constrains.test(other)));
    }

    /** Raises BYPASS_BY_SETTING where it applies; whether it did. */
    private static boolean bypassBySetting(Auditor.Facts facts, PolicyInfo policy, List<Finding> findings) {
        Map<String, Set<String>> byFunction = new LinkedHashMap<>();
        facts.more().functionsCalledByPolicies().forEach((function, body) -> byFunction.put(
                function.substring(0, function.indexOf('(')), PolicyExpression.settingsRead(body)));
        Set<String> bypass = new LinkedHashSet<>();
        Set<String> via = new LinkedHashSet<>();
        for (String expression : new String[] {policy.using(), policy.withCheck()}) {
            for (String setting : PolicyExpression.settingsRead(expression)) {
                if (!facts.scope().tenantSettings().contains(setting) && !setting.startsWith("request.jwt.")) {
                    bypass.add(setting);
                }
            }
            for (String call : PolicyExpression.calls(expression)) {
                for (String setting : lookup(byFunction, call)) {
                    if (!facts.scope().tenantSettings().contains(setting) && !setting.startsWith("request.jwt.")) {
                        bypass.add(setting);
                        via.add(call + "()");
                    }
                }
            }
        }
        TableInfo table = facts.table(policy.table());
        List<String> columns = facts.tables().get(table);
        for (String expression : new String[] {policy.using(), policy.withCheck()}) {
            bypass.removeIf(setting -> !PolicyExpression.of(expression).columnsComparedWith(table.name(), columns,
                    group -> PolicyExpression.settingsRead(group).contains(setting) || PolicyExpression.calls(group)
                            .stream().anyMatch(call -> lookup(byFunction, call).contains(setting)),
                    name -> lookup(byFunction, name).contains(setting)).isEmpty());
        }
        if (bypass.isEmpty()) {
            return false;
        }
        String setting = bypass.iterator().next();
        findings.add(new Finding(RlsAudit.BYPASS_BY_SETTING, policy.table(), "Policy " + policy.name() + " on "
                + policy.table() + " (PERMISSIVE, " + policy.command() + ", to " + String.join(", ", policy.roles())
                + ") admits rows by the session setting " + String.join(", ", bypass)
                + (via.isEmpty() ? "," : ", read by " + String.join(", ", via) + ",") + " which is not a tenant"
                + " setting: any session may set a custom setting (SET " + setting + " = ...), so " + who(policy)
                + " reads every tenant's rows once its SQL sets it, and isolation rests on the application never"
                + " running a tenant's statement with it. Give the trusted path a role of its own: CREATE POLICY ... ON "
                + policy.table() + " TO <trusted_role> USING (true); DROP POLICY " + quote(policy.name()) + " ON "
                + policy.table() + "; or let that role bypass row-level security (ALTER ROLE <trusted_role>"
                + " BYPASSRLS).", Severity.WARNING));
        return true;
    }

    /** Raises POLICY_READS_UNSET_SETTING where it applies; whether it did. */
    private static boolean unsetSettings(Auditor.Facts facts, TableInfo table, List<String> columns, PolicyInfo policy,
                                      Map<String, String> functions, List<Finding> findings) {
        Set<String> set = facts.scope().settingsSet();
        Map<String, Set<String>> unsetByFunction = new LinkedHashMap<>();
        Map<String, Set<String>> setByFunction = new LinkedHashMap<>();
        for (Map.Entry<String, String> function : functions.entrySet()) {
            String name = function.getKey().substring(0, function.getKey().indexOf('('));
            Set<String> read = PolicyExpression.settingsRead(function.getValue());
            Set<String> unset = new LinkedHashSet<>(read);
            unset.removeIf(setting -> set.contains(setting) || setting.startsWith("request.jwt."));
            unsetByFunction.put(name, unset);
            Set<String> isSet = new LinkedHashSet<>(read);
            isSet.removeAll(unset);
            setByFunction.put(name, isSet);
        }
        Set<String> unsetRead = new LinkedHashSet<>();
        Set<String> via = new LinkedHashSet<>();
        Set<String> compared = new LinkedHashSet<>();
        for (String expression : new String[] {policy.using(), policy.withCheck()}) {
            PolicyExpression read = PolicyExpression.of(expression);
            compared.addAll(read.columnsComparedWith(table.name(), columns, group -> {
                Set<String> unset = unsetIn(group, set, unsetByFunction, setByFunction, null);
                return !unset.isEmpty();
            }, name -> !lookup(unsetByFunction, name).isEmpty() && lookup(setByFunction, name).isEmpty()));
            if (!compared.isEmpty()) {
                unsetRead.addAll(unsetIn(expression, set, unsetByFunction, setByFunction, via));
            }
        }
        if (compared.isEmpty() || unsetRead.isEmpty()) {
            return false;
        }
        String setting = unsetRead.iterator().next();
        findings.add(new Finding(RlsAudit.POLICY_READS_UNSET_SETTING, table.displayName(), "Policy " + policy.name()
                + " on " + table.displayName() + " compares " + String.join(", ", compared) + " with the setting "
                + String.join(", ", unsetRead) + (via.isEmpty() ? "" : ", read by " + String.join(", ", via)) + ","
                + " which no scope of the test sets (they set: " + (set.isEmpty() ? "nothing" : String.join(", ", set))
                + "): no session of a tenant matches it, so the policy admits none of its rows, or the setting comes"
                + " from a path the tests never run. Read the setting the application sets (current_setting('"
                + (facts.scope().tenantSettings().isEmpty() ? "<tenant setting>"
                : facts.scope().tenantSettings().iterator().next()) + "', true)), or configure the scope that sets "
                + setting + " (tenantSetting(\"" + setting + "\", ...)).", Severity.ERROR));
        return true;
    }

    /** The unset settings a piece of SQL reads, directly or by a function that reads no set setting. */
    private static Set<String> unsetIn(String text, Set<String> set, Map<String, Set<String>> unsetByFunction,
                                       Map<String, Set<String>> setByFunction, Set<String> via) {
        Set<String> direct = PolicyExpression.settingsRead(text);
        boolean readsSet = direct.stream().anyMatch(setting -> set.contains(setting) || setting.startsWith("request.jwt."));
        Set<String> unset = new LinkedHashSet<>();
        direct.stream().filter(setting -> !set.contains(setting) && !setting.startsWith("request.jwt."))
                .forEach(unset::add);
        for (String call : PolicyExpression.calls(text)) {
            Set<String> functionUnset = lookup(unsetByFunction, call);
            if (!lookup(setByFunction, call).isEmpty()) {
                readsSet = true;
            } else if (!functionUnset.isEmpty()) {
                unset.addAll(functionUnset);
                if (via != null) {
                    via.add(call + "()");
                }
            }
        }
        return readsSet ? Set.of() : unset;
    }

    private static Set<String> lookup(Map<String, Set<String>> byFunction, String calledAs) {
        Set<String> found = new LinkedHashSet<>();
        byFunction.forEach((name, settings) -> {
            if (name.equals(calledAs) || !calledAs.contains(".") && name.endsWith("." + calledAs)) {
                found.addAll(settings);
            }
        });
        return found;
    }

    /** The tenant condition for a fix: the table's tenant column compared with the tenant's identity. */
    private static String condition(Auditor.Facts facts, TableInfo table) {
        TenantTables.TenantTable tenant = facts.tenants().of(table);
        String column = tenant.column();
        List<String> settings = new ArrayList<>(facts.scope().tenantSettings());
        settings.removeIf(setting -> setting.startsWith("request.jwt."));
        if (settings.isEmpty()) {
            return column + " = (select auth.uid())";
        }
        String type = facts.catalog().column(table, column).map(info -> info.type()).orElse("text");
        return column + " = (select nullif(current_setting('" + settings.get(0) + "', true), '')"
                + (type.equals("text") ? "" : "::" + type) + ")";
    }

    private static String who(PolicyInfo policy) {
        return policy.roles().contains("public") ? "every role" : String.join(", ", policy.roles());
    }

    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String verbs(String command) {
        return switch (command) {
            case "SELECT" -> "read";
            case "UPDATE" -> "update";
            case "DELETE" -> "delete";
            default -> "read and write";
        };
    }
}
