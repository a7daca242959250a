package io.rlstestkit.internal.matrix;

import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.PolicyInfo;
import io.rlstestkit.internal.catalog.TableInfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant column of each table, as the deny matrix uses it: the configured one where the table has it; otherwise,
 * for a table with row-level security, the column its policies compare with the tenant's setting or claim, directly
 * ({@code "workspaceId" = current_setting('app.workspace')::int}, {@code auth.uid() = user_id}) or through a function
 * ({@code has_role_on_account(account_id)}). A table with neither is shared by all tenants.
 *
 * <p>The policy audit reads tenant tables its own way; the two readings are meant to become one.
 */
final class TenantColumns {

    private static final Pattern SETTING = Pattern.compile("current_setting\\('([^']+)'");
    private static final Pattern CALL = Pattern.compile("[A-Za-z_][\\w.]*\\(");
    private static final Pattern CALL_BEFORE = Pattern.compile("[A-Za-z_][\\w.\"]*\\((?:[^()]*,\\s*)?$");

    private final Map<TableInfo, Choice> choices = new LinkedHashMap<>();

    /**
     * How the matrix came to a table's tenant column.
     *
     * @param column the column
     * @param policy the policy it was read from, or {@code null} where it is configured
     */
    record Choice(String column, String policy) {
    }

    /**
     * @param tables         every table with its columns
     * @param configured     the configured tenant column of a table
     * @param policies       the policies of a table
     * @param tenantSettings the settings that carry the tenant (the tenant scope's)
     */
    TenantColumns(Map<TableInfo, List<String>> tables, Function<TableInfo, String> configured,
                  Function<TableInfo, List<PolicyInfo>> policies, Set<String> tenantSettings) {
        tables.forEach((table, columns) -> {
            String column = configured.apply(table);
            if (columns.contains(column)) {
                choices.put(table, new Choice(column, null));
            } else if (table.rlsEnabled()) {
                found(columns, policies.apply(table), tenantSettings).ifPresent(choice -> choices.put(table, choice));
            }
        });
    }

    /** The table's tenant column, if it has one. */
    Optional<String> of(TableInfo table) {
        return Optional.ofNullable(choices.get(table)).map(Choice::column);
    }

    /** How the table's tenant column was chosen, if it has one. */
    Optional<Choice> choice(TableInfo table) {
        return Optional.ofNullable(choices.get(table));
    }

    /** The column a table's policies compare with the tenant, the strongest reading first; empty if none. */
    static Optional<Choice> found(List<String> columns, List<PolicyInfo> policies, Set<String> tenantSettings) {
        Choice best = null;
        int bestScore = 0;
        for (PolicyInfo policy : policies) {
            for (String expression : new String[] {policy.using(), policy.withCheck()}) {
                if (expression == null) {
                    continue;
                }
                for (String column : columns) {
                    int score = score(expression, column, tenantSettings);
                    if (score > bestScore) {
                        best = new Choice(column, policy.name());
                        bestScore = score;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * 3: compared with the tenant's setting; 2: compared with a function's result ({@code auth.uid()}); 1: passed to
     * a function; 0: none of these.
     */
    private static int score(String expression, String column, Set<String> tenantSettings) {
        Pattern name = Pattern.compile("(?<![\\w\".])" + Pattern.quote(Identifiers.quote(column)) + "(?![\\w\"(])");
        Matcher occurrence = name.matcher(expression);
        int score = 0;
        while (occurrence.find()) {
            String other = comparedWith(expression, occurrence.start(), occurrence.end());
            if (other != null) {
                Matcher setting = SETTING.matcher(other);
                boolean tenantSetting = false;
                while (setting.find()) {
                    tenantSetting |= tenantSettings.contains(setting.group(1));
                }
                if (tenantSetting) {
                    score = Math.max(score, 3);
                } else if (CALL.matcher(other).find() && !other.contains("SELECT")) {
                    score = Math.max(score, 2);
                }
            }
            if (CALL_BEFORE.matcher(expression.substring(0, occurrence.start())).find()) {
                score = Math.max(score, 1);
            }
        }
        return score;
    }

    /** The other side of an {@code =} the column at start..end is on, or {@code null} where it is on none. */
    private static String comparedWith(String expression, int start, int end) {
        int after = skipCast(expression, end);
        while (after < expression.length() && (expression.charAt(after) == ' ' || expression.charAt(after) == ')')) {
            after++;
        }
        if (after < expression.length() && expression.charAt(after) == '=') {
            return operand(expression, after + 1, 1);
        }
        int before = start - 1;
        while (before >= 0 && (expression.charAt(before) == ' ' || expression.charAt(before) == '(')) {
            before--;
        }
        if (before >= 0 && expression.charAt(before) == '=' && (before == 0 || expression.charAt(before - 1) != '<'
                && expression.charAt(before - 1) != '>' && expression.charAt(before - 1) != '!')) {
            return operand(expression, before - 1, -1);
        }
        return null;
    }

    private static int skipCast(String expression, int at) {
        int i = at;
        while (i < expression.length() && expression.charAt(i) == ')') {
            i++;
        }
        if (expression.startsWith("::", i)) {
            i += 2;
            while (i < expression.length() && (Character.isLetterOrDigit(expression.charAt(i))
                    || expression.charAt(i) == '_' || expression.charAt(i) == '"' || expression.charAt(i) == '.')) {
                i++;
            }
            return i;
        }
        return at;
    }

    /** The text of an operand from a position, forwards or backwards, up to the end of its group or an AND/OR. */
    private static String operand(String expression, int from, int step) {
        int depth = 0;
        int i = from;
        for (; i >= 0 && i < expression.length(); i += step) {
            char c = expression.charAt(i);
            if (c == '(' || c == ')') {
                depth += (c == '(') == (step > 0) ? 1 : -1;
                if (depth < 0) {
                    break;
                }
            }
            if (depth == 0 && (expression.startsWith(" AND ", i) || expression.startsWith(" OR ", i))) {
                break;
            }
        }
        return step > 0 ? expression.substring(from, i) : expression.substring(i + 1, from + 1);
    }
}
