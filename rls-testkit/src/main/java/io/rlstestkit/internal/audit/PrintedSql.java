package io.rlstestkit.internal.audit;

import io.rlstestkit.internal.tenant.PolicyExpression;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reading SQL as PostgreSQL prints it ({@code pg_get_expr}): every operator expression in parentheses, a subquery as
 * {@code ( SELECT ...)}, string literals in single quotes.
 */
final class PrintedSql {

    /** A group that tests something for presence, as printed: {@code (auth.uid() IS NOT NULL)}. */
    private static final Pattern NULL_TEST = Pattern.compile("(?s)\\(.* IS (?:NOT )?NULL\\)");

    private PrintedSql() {
    }

    /**
     * The expression with each test for presence ({@code (auth.uid() IS NOT NULL)}, {@code (x IS NULL)}) replaced by
     * {@code true}: what is left is what the expression compares.
     */
    static String withoutNullTests(String expression) {
        if (expression == null) {
            return null;
        }
        int[] closing = PolicyExpression.closingParentheses(expression);
        StringBuilder text = new StringBuilder();
        int from = 0;
        for (int open = 0; open < expression.length(); open++) {
            if (open >= from && closing[open] > open) {
                String group = expression.substring(open, closing[open] + 1);
                if (NULL_TEST.matcher(group).matches() && !group.contains(" AND ") && !group.contains(" OR ")) {
                    text.append(expression, from, open).append("true");
                    from = closing[open] + 1;
                }
            }
        }
        return text.append(expression.substring(from)).toString();
    }

    /** Whether a position lies in a group that is a subquery: {@code ( SELECT ...)}. */
    static boolean inSubquery(String text, int[] closing, int position) {
        for (int open = 0; open < position; open++) {
            if (closing[open] > position
                    && text.substring(open + 1).stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                return true;
            }
        }
        return false;
    }
}
