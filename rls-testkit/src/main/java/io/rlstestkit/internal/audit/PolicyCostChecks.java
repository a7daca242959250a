package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.tenant.PolicyExpression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of what policies cost per row: identity calls that run for every row, and permissive policies that are
 * OR-ed for one role and command. Both are {@link Severity#INFO}: nothing leaks, statements get slower. Expressions
 * are read as PostgreSQL prints them ({@code pg_get_expr}), where a subquery is printed {@code ( SELECT ...)}.
 */
final class PolicyCostChecks {

    /** A call of the identity functions, as printed: {@code auth.uid()}, {@code current_setting('x'::text, true)}. */
    private static final Pattern IDENTITY_CALL = Pattern.compile("(?<![\\w.$\"])(auth\\.uid|auth\\.jwt|current_setting)\\s*\\(",
            Pattern.CASE_INSENSITIVE);

    private static final List<String> COMMANDS = List.of("SELECT", "INSERT", "UPDATE", "DELETE");

    private PolicyCostChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        for (Map.Entry<String, List<PolicyInfo>> entry : facts.policies().entrySet()) {
            TableInfo table = facts.table(entry.getKey());
            if (table == null || !table.rlsEnabled()) {
                continue;
            }
            for (PolicyInfo policy : entry.getValue()) {
                perRowCalls(table, policy, findings);
            }
            multiplePermissive(facts, table, entry.getValue(), findings);
        }
    }

    private static void perRowCalls(TableInfo table, PolicyInfo policy, List<Finding> findings) {
        Set<String> calls = new LinkedHashSet<>();
        String using = wrapped(policy.using(), calls);
        String check = wrapped(policy.withCheck(), calls);
        if (calls.isEmpty()) {
            return;
        }
        StringBuilder fix = new StringBuilder("ALTER POLICY ").append(quote(policy.name())).append(" ON ")
                .append(table.qualifiedName());
        if (using != null && !using.equals(policy.using())) {
            fix.append(" USING (").append(using).append(")");
        }
        if (check != null && !check.equals(policy.withCheck())) {
            fix.append(" WITH CHECK (").append(check).append(")");
        }
        findings.add(new Finding(RlsAudit.POLICY_PER_ROW_CALL, table.displayName(), "Policy " + policy.name() + " on "
                + table.displayName() + " calls " + String.join(", ", calls) + " outside a subquery: PostgreSQL may"
                + " call each again for every row the policy filters, while in a scalar subquery a call runs once per"
                + " statement. Wrap each call in (select ...): " + fix + ";", Severity.INFO));
    }

    /**
     * The expression with each identity call outside a subquery wrapped in {@code (select ...)}; the calls wrapped
     * are added to {@code calls}. {@code null} stays {@code null}.
     */
    static String wrapped(String expression, Set<String> calls) {
        if (expression == null) {
            return null;
        }
        int[] closing = PolicyExpression.closingParentheses(expression);
        List<int[]> spans = new ArrayList<>();
        Matcher matcher = IDENTITY_CALL.matcher(expression);
        while (matcher.find()) {
            int start = matcher.start();
            int end = closing[matcher.end() - 1];
            if (end < 0 || PolicyExpression.inLiteral(expression, start)
                    || PrintedSql.inSubquery(expression, closing, start)
                    || spans.stream().anyMatch(span -> span[0] < start && start < span[1])) {
                continue;
            }
            spans.add(new int[] {start, end + 1});
            calls.add(expression.substring(start, end + 1));
        }
        StringBuilder text = new StringBuilder(expression);
        for (int i = spans.size() - 1; i >= 0; i--) {
            text.insert(spans.get(i)[1], ")").insert(spans.get(i)[0], "(select ");
        }
        return text.toString();
    }

    private static void multiplePermissive(Auditor.Facts facts, TableInfo table, List<PolicyInfo> policies,
                                           List<Finding> findings) {
        Map<String, List<String>> overlaps = new LinkedHashMap<>();
        String firstRole = null;
        String firstCommand = null;
        List<PolicyInfo> first = null;
        for (Map.Entry<String, List<String>> role : scopeRoles(facts).entrySet()) {
            for (String command : COMMANDS) {
                List<PolicyInfo> applying = policies.stream().filter(policy -> policy.permissive()
                        && policy.appliesTo(command) && policy.appliesToAnyOf(role.getValue())).toList();
                if (applying.size() > 1) {
                    overlaps.computeIfAbsent(role.getKey(), key -> new ArrayList<>()).add(command + " ("
                            + String.join(", ", applying.stream().map(PolicyInfo::name).toList()) + ")");
                    if (first == null) {
                        first = applying;
                        firstRole = role.getKey();
                        firstCommand = command;
                    }
                }
            }
        }
        if (first == null) {
            return;
        }
        List<String> each = new ArrayList<>();
        overlaps.forEach((role, commands) -> each.add(role + ": " + String.join(", ", commands)));
        String clause = firstCommand.equals("INSERT") ? "WITH CHECK" : "USING";
        List<String> conditions = new ArrayList<>();
        for (PolicyInfo policy : first) {
            String condition = clause.equals("USING") || policy.withCheck() == null ? policy.using() : policy.withCheck();
            conditions.add("(" + condition + ")");
        }
        StringBuilder fix = new StringBuilder("CREATE POLICY ").append(firstCommand.toLowerCase(Locale.ROOT))
                .append("_merged ON ").append(table.qualifiedName()).append(" FOR ").append(firstCommand).append(" TO ")
                .append(firstRole).append(" ").append(clause).append(" (").append(String.join(" OR ", conditions))
                .append(");");
        findings.add(new Finding(RlsAudit.MULTIPLE_PERMISSIVE_POLICIES, table.displayName(), table.displayName()
                + " has several permissive policies for one role and command (" + String.join("; ", each) + "):"
                + " PostgreSQL evaluates each of them for every row and ORs them, and a broad one widens the others"
                + " where nobody reading them looks. Merge them into one policy per role and command, for example "
                + fix + " and drop those it replaces, narrowed to their other commands where they have any.",
                Severity.INFO));
    }

    /** The roles of the scopes that row-level security applies to, each with the roles whose policies it takes. */
    private static Map<String, List<String>> scopeRoles(Auditor.Facts facts) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        for (RoleInfo role : facts.rolesSubjectToRls()) {
            roles.put(role.name(), role.memberOf());
        }
        facts.scope().workerRoles().keySet().forEach(name -> facts.catalog().role(name)
                .filter(role -> !role.bypassesRls()).ifPresent(role -> roles.putIfAbsent(name, role.memberOf())));
        return roles;
    }

    private static String quote(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
