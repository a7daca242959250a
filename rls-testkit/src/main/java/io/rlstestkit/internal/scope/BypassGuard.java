package io.rlstestkit.internal.scope;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Checks a scope when a session is created. A tenant scope that bypasses row-level security is refused: its role is
 * a superuser, has BYPASSRLS, or owns a table whose row-level security is not forced. A tenant scope that sets a
 * setting no policy and no function reads is refused too: the configuration names the wrong setting. Every scope's
 * role must exist. A worker or named scope without a tenant may bypass (that may be the design): its description
 * says so.
 */
@API(status = INTERNAL)
public final class BypassGuard {

    private BypassGuard() {
    }

    /**
     * Checks a scope and returns its description for messages.
     *
     * @param scope        the scope
     * @param catalog      the catalog, as the owner sees it
     * @param settingsRead the settings the schema's policies and functions read, each with where
     * @param sessionUser  the user the kit logged in as
     * @throws KitException where the scope is refused
     */
    public static String check(Scope scope, Catalog catalog, Map<String, String> settingsRead, String sessionUser) {
        String roleName = scope.role() == null ? sessionUser : scope.role();
        RoleInfo role = catalog.role(roleName).orElseThrow(() -> new KitException("Expecting role " + roleName
                + " of the " + scope.label() + " scope to exist, but there is no such role. Roles there are: "
                + String.join(", ", catalog.roleNames()) + ".\nCreate it in a migration, or fix the role in the"
                + " configuration (" + configurationKey(scope) + ")."));
        String description = scope.describe(sessionUser);
        if (!scope.isTenantScope()) {
            if (role.bypassesRls()) {
                return description + ", " + role.bypassReason() + ": bypasses row-level security"
                        + (scope.kind() == Scope.Kind.OWNER ? "" : " by design");
            }
            return description;
        }
        if (role.bypassesRls()) {
            String how = scope.role() == null
                    ? "it runs as " + roleName + ", the user the kit logged in as (no tenant role is configured), "
                    : "its role " + roleName + " is ";
            throw new KitException("Expecting the " + scope.label() + " scope to be subject to row-level security, but "
                    + how + role.bypassReason() + ": " + (role.superuser() ? "superusers bypass" : "BYPASSRLS bypasses")
                    + " every policy, so a deny test would prove nothing.\n"
                    + (scope.role() == null
                    ? "Set tenantRole to the role the application connects as (@RlsTest(tenantRole = \"app_user\"))."
                    : "Let the application connect as a role without it (ALTER ROLE " + roleName + " NOBYPASSRLS"
                    + (role.superuser() ? " NOSUPERUSER" : "") + "), or configure that role as the tenant role."));
        }
        List<TableInfo> owned = catalog.ownedWithoutForce(roleName);
        if (!owned.isEmpty()) {
            String tables = owned.stream().map(TableInfo::displayName).collect(Collectors.joining(", "));
            throw new KitException("Expecting the " + scope.label() + " scope to be subject to row-level security, but"
                    + " its role " + roleName + " owns " + tables + ", which " + (owned.size() == 1 ? "has" : "have")
                    + " row-level security enabled but not forced: a table's owner bypasses its policies.\n"
                    + "Force it (ALTER TABLE " + owned.get(0).qualifiedName() + " FORCE ROW LEVEL SECURITY), or let"
                    + " the application connect as a role that does not own the table.");
        }
        for (String setting : scope.settings().keySet()) {
            if (setting.startsWith("request.jwt.") || !setting.contains(".") || settingsRead.containsKey(setting)) {
                continue;
            }
            throw new KitException("Expecting setting " + setting + " of the " + scope.label() + " scope to be read"
                    + " by a policy or by a function, but no policy or function in the database reads it.\n"
                    + (settingsRead.isEmpty() ? "No policy or function reads any setting."
                    : "Settings read: " + settingsRead.entrySet().stream()
                    .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                    .collect(Collectors.joining(", ")) + ".")
                    + "\nSet tenantSetting to the setting the policies read, or to \"\" where tenants are told apart"
                    + " by JWT claims or roles only.");
        }
        return description;
    }

    private static String configurationKey(Scope scope) {
        return switch (scope.kind()) {
            case TENANT -> "tenantRole";
            case WORKER -> "workerRole";
            case OWNER -> "rlstestkit.user";
            case NAMED -> "the role of scope " + scope.name();
        };
    }
}
