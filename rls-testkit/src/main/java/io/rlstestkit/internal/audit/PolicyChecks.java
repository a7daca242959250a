package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.RoleInfo;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.tenant.PolicyExpression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks of policies: constant true, reading their own table, settings read without {@code missing_ok}, columns
 * without an index. Expressions are read as PostgreSQL prints them ({@code pg_get_expr}), in its canonical form.
 */
final class PolicyChecks {

    /** {@code current_setting('name'::text)} or {@code current_setting('name'::text, false)}, as printed. */
    private static final Pattern STRICT_READ_PRINTED =
            Pattern.compile("current_setting\\('((?:[^']|'')+)'::text(?:, false)?\\)");

    /** The same in a function's source text, as written. */
    private static final Pattern STRICT_READ_WRITTEN = Pattern.compile(
            "current_setting\\s*\\(\\s*'((?:[^']|'')+)'\\s*(?:::\\s*text\\s*)?(?:,\\s*false\\s*)?\\)",
            Pattern.CASE_INSENSITIVE);

    private PolicyChecks() {
    }

    static void run(Auditor.Facts facts, List<Finding> findings) {
        for (List<PolicyInfo> policies : facts.policies().values()) {
            for (PolicyInfo policy : policies) {
                permissiveTrue(facts, policy, policies, findings);
                strictSettingReads(facts, policy, findings);
            }
        }
        for (String[] read : facts.more().policiesReadingOwnTable()) {
            findings.add(new Finding(RlsAudit.POLICY_READS_OWN_TABLE, read[0], "Policy " + read[1] + " on " + read[0]
                    + " reads " + read[0] + " itself in a subquery: where that read is subject to the same policy,"
                    + " PostgreSQL stops every statement with \"infinite recursion detected in policy for relation\"."
                    + " Read it through a SECURITY DEFINER function with a fixed search_path, which is not subject to"
                    + " the policy, or compare with the tenant setting directly.", Severity.WARNING));
        }
        functionSettingReads(facts, findings);
        unindexedColumns(facts, findings);
    }

    private static void permissiveTrue(Auditor.Facts facts, PolicyInfo policy, List<PolicyInfo> onTable,
                                       List<Finding> findings) {
        TableInfo table = facts.table(policy.table());
        if (!policy.permissive() || table == null || !facts.tenantTable(table)) {
            return;
        }
        List<RoleInfo> applies = facts.rolesSubjectToRls().stream()
                .filter(role -> policy.appliesToAnyOf(role.memberOf())).toList();
        if (applies.isEmpty() && !policy.roles().contains("public")) {
            return;
        }
        List<String> constant = new ArrayList<>();
        if (isTrue(policy.using())) {
            constant.add("USING (true)");
        }
        if (isTrue(policy.withCheck())) {
            constant.add("WITH CHECK (true)");
        }
        if (constant.isEmpty() || narrowed(policy, onTable, applies)) {
            return;
        }
        String who = policy.roles().contains("public") ? "every role" : String.join(", ", policy.roles());
        findings.add(new Finding(RlsAudit.PERMISSIVE_TRUE, policy.table(), "Policy " + policy.name() + " on "
                + policy.table() + " (PERMISSIVE, " + policy.command() + ", to " + String.join(", ", policy.roles())
                + ") has " + String.join(" and ", constant) + ": permissive policies are OR-ed, so " + who + " may "
                + verbs(policy.command()) + " every tenant's rows, whatever the other policies say. Replace true with"
                + " the tenant condition, or narrow it with a RESTRICTIVE tenant policy.", Severity.ERROR));
    }

    /** Whether a restrictive policy that is not constant narrows the policy for every tenant role it applies to. */
    private static boolean narrowed(PolicyInfo policy, List<PolicyInfo> onTable, List<RoleInfo> applies) {
        if (applies.isEmpty()) {
            return false;
        }
        return applies.stream().allMatch(role -> onTable.stream().anyMatch(other -> !other.permissive()
                && (other.command().equals("ALL") || other.command().equals(policy.command()))
                && other.appliesToAnyOf(role.memberOf())
                && (hasCondition(other.using()) || hasCondition(other.withCheck()))));
    }

    private static void strictSettingReads(Auditor.Facts facts, PolicyInfo policy, List<Finding> findings) {
        Set<String> read = new LinkedHashSet<>();
        read.addAll(strictReads(STRICT_READ_PRINTED, policy.using(), facts.scope().tenantSettings()));
        read.addAll(strictReads(STRICT_READ_PRINTED, policy.withCheck(), facts.scope().tenantSettings()));
        if (!read.isEmpty()) {
            findings.add(strictReadFinding(policy.table(), "Policy " + policy.name() + " on " + policy.table(),
                    read, "every statement on " + policy.table()));
        }
    }

    private static void functionSettingReads(Auditor.Facts facts, List<Finding> findings) {
        for (Map.Entry<String, String> function : facts.more().functionsCalledByPolicies().entrySet()) {
            Set<String> read = strictReads(STRICT_READ_WRITTEN, function.getValue(), facts.scope().tenantSettings());
            if (!read.isEmpty()) {
                findings.add(strictReadFinding(function.getKey(), "Function " + function.getKey()
                        + ", which a policy calls,", read, "every statement whose policies call it"));
            }
        }
    }

    private static Finding strictReadFinding(String object, String subject, Set<String> settings, String fails) {
        String setting = settings.iterator().next();
        return new Finding(RlsAudit.SETTING_READ_WITHOUT_MISSING_OK, object, subject + " reads "
                + String.join(", ", settings) + " with current_setting('" + setting + "') without missing_ok: on a"
                + " connection that never set it (a background job, a console, a migration) " + fails + " fails with"
                + " \"unrecognized configuration parameter\" instead of seeing no rows. Write current_setting('"
                + setting + "', true) and compare with nullif(..., ''), so that a missing tenant sees no rows; never"
                + " turn that NULL into \"no filter\" (coalesce(..., tenant_id), ... IS NULL OR ...), which shows every"
                + " row.", Severity.WARNING);
    }

    private static Set<String> strictReads(Pattern pattern, String text, Set<String> tenantSettings) {
        Set<String> read = new LinkedHashSet<>();
        if (text != null) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1).replace("''", "'");
                if (tenantSettings.contains(name)) {
                    read.add(name);
                }
            }
        }
        return read;
    }

    private static void unindexedColumns(Auditor.Facts facts, List<Finding> findings) {
        Map<String, List<List<String>>> indexes = facts.more().indexKeys();
        Map<String, Set<String>> leadingExpressions = leadingExpressions(facts);
        Map<String, TableInfo> rls = facts.rlsTables();
        facts.more().policyColumns().forEach((table, columns) -> {
            TableInfo info = rls.get(table);
            if (info == null) {
                return;
            }
            List<List<String>> keys = indexes.getOrDefault(table, List.of());
            List<String> filtering = facts.policies().getOrDefault(table, List.of()).stream()
                    .filter(policy -> !policy.command().equals("INSERT"))
                    .flatMap(policy -> Stream.of(policy.using(), policy.withCheck()))
                    .filter(Objects::nonNull).toList();
            Set<String> indexed = leadingExpressions.getOrDefault(table, Set.of());
            List<String> missing = new ArrayList<>();
            for (String column : columns) {
                Set<String> operands = comparedOperands(filtering, column);
                boolean served = keys.stream().anyMatch(key -> column.equals(key.get(0))
                        || key.contains(column) && columns.contains(key.get(0)))
                        || operands.stream().anyMatch(indexed::contains);
                if (!served) {
                    // a column the policies read only inside one expression wants an index on that expression
                    String quoted = Identifiers.quote(column);
                    missing.add(operands.size() == 1 && !operands.contains(quoted)
                            ? "(" + operands.iterator().next() + ")" : quoted);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            findings.add(new Finding(RlsAudit.POLICY_COLUMN_NOT_INDEXED, table, "The policies on " + table
                    + " filter on " + String.join(", ", missing.stream().map(PolicyChecks::unwrapped).toList())
                    + ", which no index leads with: every statement they filter reads the whole table. Index it:"
                    + " CREATE INDEX ON " + info.qualifiedName() + " (" + missing.get(0) + ").", Severity.WARNING));
        });
    }

    /**
     * The expressions that indexes of the project's tables lead with, as PostgreSQL prints them
     * ({@code pg_get_indexdef}, printed as {@code pg_get_expr} prints a policy): schema-qualified table to expressions.
     */
    private static Map<String, Set<String>> leadingExpressions(Auditor.Facts facts) {
        Map<String, Set<String>> expressions = new LinkedHashMap<>();
        facts.catalog().query("SELECT n.nspname || '.' || c.relname, pg_get_indexdef(i.indexrelid, 1, false) "
                + "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE i.indkey[0] = 0 AND " + Catalog.USER_SCHEMAS + " ORDER BY 1",
                rows -> expressions.computeIfAbsent(rows.getString(1), key -> new LinkedHashSet<>())
                        .add(unwrapped(rows.getString(2))));
        return expressions;
    }

    /** The operands a column is compared as in the given expressions, without parentheses around the whole. */
    private static Set<String> comparedOperands(List<String> expressions, String column) {
        Set<String> operands = new LinkedHashSet<>();
        for (String text : expressions) {
            PolicyExpression.of(text).operandsOf(column).forEach(operand -> operands.add(unwrapped(operand)));
        }
        return operands;
    }

    /** An expression without the parentheses around the whole of it. */
    private static String unwrapped(String expression) {
        String text = expression.strip();
        while (text.startsWith("(") && PolicyExpression.closingParentheses(text)[0] == text.length() - 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static boolean isTrue(String expression) {
        return expression != null && expression.replaceAll("[()\\s]", "").equals("true");
    }

    private static boolean hasCondition(String expression) {
        return expression != null && !isTrue(expression);
    }

    private static String verbs(String command) {
        return switch (command) {
            case "SELECT" -> "read";
            case "INSERT" -> "write";
            case "UPDATE" -> "update";
            case "DELETE" -> "delete";
            default -> "read and write";
        };
    }
}
