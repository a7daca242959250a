package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.FunctionInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.catalog.ViewInfo;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The checks of rights: roles of tenant scopes that bypass row-level security, SECURITY DEFINER functions and views
 * that run as their owner.
 */
final class PrivilegeChecks {

    /** A call tested for presence in source text, as written: {@code auth.uid() IS NOT NULL}. */
    private static final Pattern PRESENCE_TEST = Pattern.compile(
            "(?:\\(\\s*select\\s+)?[\\w.]+\\s*\\([^()]*\\)(?:\\s*\\))?\\s+is\\s+(?:not\\s+)?null\\b",
            Pattern.CASE_INSENSITIVE);

    private PrivilegeChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        for (RoleInfo role : facts.roles().values()) {
            if (role.bypassesRls()) {
                findings.add(new Finding(RlsAudit.ROLE_BYPASSES_RLS, role.name(), facts.describe(role.name()) + ", is "
                        + role.bypassReason() + ": no policy applies to it, so the scopes that use it read every tenant's"
                        + " rows. "
                        + (facts.scope().tenantRoles().get(role.name()).startsWith("the user the kit")
                        ? "Configure the role the application connects as (tenantRole)."
                        : "Let the application connect as a role without it (ALTER ROLE " + role.name() + " NOBYPASSRLS"
                        + (role.superuser() ? " NOSUPERUSER" : "") + ")."), Severity.ERROR));
            }
        }
        List<String> roles = List.copyOf(facts.roles().keySet());
        Map<String, TableInfo> rls = facts.rlsTables();
        List<FunctionInfo> definers = facts.more().securityDefinerFunctions(roles);
        Map<String, String> sources = definers.isEmpty() ? Map.of() : facts.more().functionSources();
        Predicate<String> readsCaller = facts.tenants().identityReader(sources);
        for (FunctionInfo function : definers) {
            if (!function.fixedPath()) {
                findings.add(new Finding(RlsAudit.SECURITY_DEFINER_NO_SEARCH_PATH, function.signature(),
                        function.signature() + " is SECURITY DEFINER without a fixed search_path: it runs with the"
                        + " rights of its owner " + function.owner() + ", and a caller who puts a schema of their own"
                        + " first on the search_path can make it run their functions and operators. Pin it: ALTER"
                        + " FUNCTION " + function.signature() + " SET search_path = pg_catalog, pg_temp (and"
                        + " schema-qualify the objects it uses).", Severity.ERROR));
            }
            if (function.trigger() || !readsCaller.test(withoutPresenceTests(sources.get(function.signature())))) {
                readsOfRlsTables(facts, function, rls, findings);
            }
        }
        for (ViewInfo view : facts.more().viewsOverRlsTables(roles)) {
            if ((view.securityInvoker() && !view.materialized()) || view.readableBy().isEmpty()) {
                continue;
            }
            String tables = String.join(", ", view.rlsTablesRead());
            String readers = String.join(", ", view.readableBy());
            findings.add(new Finding(RlsAudit.VIEW_BYPASSES_RLS, view.name(), view.materialized()
                    ? view.name() + " is a materialized view of " + tables + ", which " + has(view) + " row-level"
                    + " security: it holds the rows its owner " + view.owner() + " saw when it was refreshed, and no"
                    + " policy applies to it, so " + readers + " reads every tenant's rows. Revoke SELECT on it from "
                    + readers + ", or serve it through a function or view that filters by tenant."
                    : view.name() + " reads " + tables + ", which " + has(view) + " row-level security, and runs with"
                    + " the rights of its owner " + view.owner() + " (no security_invoker): " + readers + " reads it"
                    + " under " + view.owner() + "'s row-level security, not its own. Make it run as its user: ALTER"
                    + " VIEW " + view.name() + " SET (security_invoker = true); or revoke SELECT on it from " + readers
                    + ".", Severity.ERROR));
        }
    }

    private static void readsOfRlsTables(Auditor.Facts facts, FunctionInfo function, Map<String, TableInfo> rls,
                                         List<Finding> findings) {
        if (function.executableBy().isEmpty()) {
            return;
        }
        Set<String> read = new LinkedHashSet<>(function.tablesRead());
        if (function.body() != null && (function.language().equals("sql") || function.language().equals("plpgsql"))) {
            for (TableInfo table : rls.values()) {
                if (mentions(function.body(), table)) {
                    read.add(table.displayName());
                }
            }
        }
        Optional<RoleInfo> owner = facts.catalog().role(function.owner());
        Set<String> ownedWithoutForce = new LinkedHashSet<>();
        facts.catalog().ownedWithoutForce(function.owner()).forEach(table -> ownedWithoutForce.add(table.displayName()));
        List<String> bypassed = read.stream().filter(rls::containsKey).filter(table ->
                owner.map(RoleInfo::bypassesRls).orElse(false) || ownedWithoutForce.contains(table)).toList();
        if (bypassed.isEmpty()) {
            return;
        }
        String why = owner.filter(RoleInfo::bypassesRls).map(role -> role.bypassReason() + " to whom no policy applies")
                .orElse("the owner of " + String.join(", ", bypassed) + ", whose row-level security is not forced");
        String callers = String.join(", ", function.executableBy());
        String tables = String.join(", ", bypassed) + ", which " + (bypassed.size() == 1 ? "has" : "have")
                + " row-level security; it runs as " + function.owner() + ", " + why + ", and " + callers
                + " may execute it";
        String revoke = "REVOKE EXECUTE ON FUNCTION " + function.signature() + " FROM PUBLIC, " + callers;
        findings.add(new Finding(RlsAudit.SECURITY_DEFINER_READS_RLS_TABLE, function.signature(), function.trigger()
                ? function.signature() + " is a SECURITY DEFINER trigger function and uses " + tables + ": PostgreSQL"
                + " checks EXECUTE when a trigger is created, not when it fires, so a tenant may attach it to a"
                + " temporary table of its own and run it past the policies, on rows it makes up (NEW). Revoke"
                + " EXECUTE; the triggers that use it keep working: " + revoke + ";"
                : function.signature() + " is SECURITY DEFINER and reads " + tables + ": it returns every tenant's"
                + " rows unless it filters by tenant itself. Revoke EXECUTE where tenants must not call it (" + revoke
                + "), make it SECURITY INVOKER, or filter by the tenant setting inside it.", Severity.WARNING));
    }

    /**
     * A function's source text with each test of a call for presence ({@code auth.uid() IS NULL},
     * {@code (select auth.uid()) is not null}) replaced by {@code true}: a function that only checks that somebody is
     * signed in does not filter by who.
     */
    private static String withoutPresenceTests(String source) {
        return source == null ? null : PRESENCE_TEST.matcher(source).replaceAll("true");
    }

    /** Whether a function's source text names a table: {@code invoices}, {@code public.invoices}, quoted or not. */
    private static boolean mentions(String body, TableInfo table) {
        String name = "\"?" + Pattern.quote(table.name()) + "\"?";
        String schema = "(?:\"?" + Pattern.quote(table.schema()) + "\"?\\s*\\.\\s*)?";
        return Pattern.compile("(?<![\\w.\"$])" + schema + name + "(?![\\w\"$])", Pattern.CASE_INSENSITIVE)
                .matcher(body).find();
    }

    private static String has(ViewInfo view) {
        return view.rlsTablesRead().size() == 1 ? "has" : "have";
    }
}
