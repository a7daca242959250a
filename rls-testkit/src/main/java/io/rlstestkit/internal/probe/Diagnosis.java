package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.scope.Scope;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Explains, from the catalog, why a scope sees none of its own rows, and what the policies of a table are. */
final class Diagnosis {

    private Diagnosis() {
    }

    /** Why a tenant's own scope sees none of its rows in a table. */
    static String whyInvisible(Catalog catalog, TableInfo table, Scope scope, String sessionUser) {
        String roleName = scope.role() == null ? sessionUser : scope.role();
        RoleInfo role = catalog.role(roleName).orElse(null);
        List<String> effective = role == null ? List.of(roleName) : role.memberOf();
        List<PolicyInfo> policies = catalog.policies(table);
        List<PolicyInfo> applicable = policies.stream()
                .filter(policy -> policy.appliesTo("SELECT") && policy.appliesToAnyOf(effective))
                .toList();
        if (applicable.isEmpty()) {
            return "no policy on " + table + " applies to role " + roleName + " for SELECT"
                    + (policies.isEmpty() ? " (the table has no policy at all)" : " (policies: " + names(policies) + ")")
                    + ": with row-level security on, no policy means no row. Add a policy for " + roleName + ".";
        }
        if (applicable.stream().noneMatch(PolicyInfo::permissive)) {
            return "every policy on " + table + " that applies to role " + roleName + " for SELECT is RESTRICTIVE ("
                    + names(applicable) + "): restrictive policies only narrow what a permissive policy allows, so"
                    + " without a PERMISSIVE policy no row is visible. Add a permissive policy (CREATE POLICY ... AS"
                    + " PERMISSIVE ...) with the tenant condition.";
        }
        Set<String> read = new LinkedHashSet<>();
        for (PolicyInfo policy : applicable) {
            read.addAll(Catalog.settingsIn(policy.using()));
        }
        Set<String> unset = new LinkedHashSet<>(read);
        unset.removeAll(scope.settings().keySet());
        if (!read.isEmpty() && !unset.isEmpty()) {
            return "the policies on " + table + " read setting" + (unset.size() == 1 ? " " : "s ")
                    + String.join(", ", unset) + ", which the scope does not set (it sets "
                    + (scope.settings().isEmpty() ? "nothing" : String.join(", ", scope.settings().keySet()))
                    + "). Configure the setting the policies read (tenantSetting).";
        }
        return "the policies that apply to role " + roleName + " hide the rows: " + describe(applicable)
                + ". Check what they compare the tenant's id with.";
    }

    /** The policies of a table for a command, described one per line; or that there are none. */
    static String policies(Catalog catalog, TableInfo table, String command) {
        List<PolicyInfo> policies = catalog.policies(table).stream()
                .filter(policy -> command == null || policy.appliesTo(command)).toList();
        if (policies.isEmpty()) {
            return "No policy on " + table + (command == null ? "" : " for " + command)
                    + (table.rlsEnabled() ? "." : "; row-level security is not enabled on it.");
        }
        return "Policies on " + table + (command == null ? "" : " for " + command) + ":"
                + policies.stream().map(policy -> "\n  " + policy.describe()).collect(Collectors.joining())
                + (table.rlsEnabled() ? "" : "\nRow-level security is not enabled on " + table + ".");
    }

    private static String names(List<PolicyInfo> policies) {
        return policies.stream().map(PolicyInfo::name).collect(Collectors.joining(", "));
    }

    private static String describe(List<PolicyInfo> policies) {
        return policies.stream().map(PolicyInfo::describe).collect(Collectors.joining("; "));
    }
}
