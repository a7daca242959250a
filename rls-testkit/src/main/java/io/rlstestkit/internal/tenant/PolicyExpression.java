package io.rlstestkit.internal.tenant;

import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A policy's USING or WITH CHECK expression as PostgreSQL prints it ({@code pg_get_expr}), read for what it compares:
 * which of its table's columns it compares with what. PostgreSQL prints every operator expression in parentheses
 * ({@code (tenant_id = (NULLIF(current_setting('app.tenant'::text, true), ''::text))::uuid)}), so the comparison a
 * column takes part in is the innermost parenthesised group around it that holds an operator; a column passed to a
 * function ({@code has_role_on_account(account_id)}) is compared by that function.
 */
@API(status = INTERNAL)
public final class PolicyExpression {

    private static final Pattern SETTING_READ = Pattern.compile("current_setting\\s*\\(\\s*'((?:[^']|'')+)'",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern CALL = Pattern.compile("([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)?)\\s*\\(");

    private static final Pattern FUNCTION_BEFORE = Pattern.compile("([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)?)\\s*$");

    /** Words before a parenthesis that are not a function's name. */
    private static final Set<String> KEYWORDS = Set.of("ANY", "ALL", "SOME", "IN", "EXISTS", "ARRAY", "AND", "OR",
            "NOT", "SELECT", "WHERE", "FROM", "ON", "USING", "AS", "IS", "CASE", "WHEN", "THEN", "ELSE", "JOIN",
            "VALUES", "ROW", "LIKE", "ILIKE", "SIMILAR", "DISTINCT", "BY", "HAVING");

    /** Operators that compare, as PostgreSQL prints them between spaces. */
    private static final Pattern COMPARISON = Pattern.compile(
            " (?:=|<>|!=|~~|~~\\*|@>|<@|&&|IN|IS NOT DISTINCT FROM|=\\s*ANY|=\\s*ALL) ");

    private static final Pattern CONNECTIVE = Pattern.compile(" (?:AND|OR) ");

    private final String text;
    private final int[] closing;

    private PolicyExpression(String text) {
        this.text = text;
        this.closing = closingParentheses(text);
    }

    /** The expression, read; {@code null} reads as an empty expression. */
    public static PolicyExpression of(String text) {
        return new PolicyExpression(text == null ? "" : text);
    }

    /** The custom settings ({@code app.tenant}, names with a dot) read with {@code current_setting(...)}. */
    public static Set<String> settingsRead(String text) {
        Set<String> settings = new LinkedHashSet<>();
        if (text != null) {
            Matcher matcher = SETTING_READ.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1).replace("''", "'");
                if (name.contains(".")) {
                    settings.add(name);
                }
            }
        }
        return settings;
    }

    /** The functions called, as written: {@code auth.uid}, {@code user_team_ids}; keywords left out. */
    public static Set<String> calls(String text) {
        Set<String> calls = new LinkedHashSet<>();
        if (text != null) {
            Matcher matcher = CALL.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!KEYWORDS.contains(name.toUpperCase(Locale.ROOT)) && (matcher.start() == 0
                        || !Character.isLetterOrDigit(text.charAt(matcher.start() - 1)) && text.charAt(matcher.start() - 1) != '_')) {
                    calls.add(name);
                }
            }
        }
        return calls;
    }

    /** Whether the expression is the constant {@code true}. */
    public boolean isTrue() {
        return text.replaceAll("[()\\s]", "").equals("true");
    }

    /** The text. */
    public String text() {
        return text;
    }

    /**
     * The columns of the table that the expression compares with something the test says: a column counts where the
     * comparison it takes part in holds such a thing ({@code target} accepts its text), or where it is passed to a
     * function the {@code function} test accepts, or where it is correlated in a subquery that holds such a thing.
     *
     * @param table    the table's name, as a subquery qualifies its columns ({@code invoices})
     * @param columns  the table's columns
     * @param target   whether a piece of the expression holds what the column must be compared with
     * @param function whether a function (by the name it is called with) compares its argument with it
     */
    public Set<String> columnsComparedWith(String table, List<String> columns, Predicate<String> target,
                                           Predicate<String> function) {
        Set<String> found = new LinkedHashSet<>();
        for (String column : columns) {
            Matcher matcher = Pattern.compile("(?<![\\w.$\"])(?:\"?" + Pattern.quote(table) + "\"?\\.)?\"?"
                    + Pattern.quote(column) + "\"?(?![\\w$\"(.])").matcher(text);
            while (matcher.find()) {
                if (!inLiteral(text, matcher.start()) && compared(matcher.start(), target, function)) {
                    found.add(column);
                    break;
                }
            }
        }
        return found;
    }

    private boolean compared(int position, Predicate<String> target, Predicate<String> function) {
        int open = enclosing(position);
        while (open >= 0) {
            String before = text.substring(0, open);
            Matcher name = FUNCTION_BEFORE.matcher(before);
            if (name.find() && !KEYWORDS.contains(name.group(1).toUpperCase(Locale.ROOT))) {
                if (function.test(name.group(1))) {
                    return true;
                }
                open = enclosing(open);
                continue;
            }
            String level = topLevel(open);
            if (CONNECTIVE.matcher(level).find() || level.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                return false;
            }
            if (COMPARISON.matcher(level).find()) {
                String group = text.substring(open, closing[open] + 1);
                return target.test(group) || correlatedWith(open, target);
            }
            open = enclosing(open);
        }
        return false;
    }

    /** Whether the group sits in a subquery that holds what the target accepts. */
    private boolean correlatedWith(int open, Predicate<String> target) {
        for (int outer = enclosing(open); outer >= 0; outer = enclosing(outer)) {
            if (topLevel(outer).stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                return target.test(text.substring(outer, closing[outer] + 1));
            }
        }
        return false;
    }

    /** The content of a group with the groups inside it left out. */
    private String topLevel(int open) {
        StringBuilder level = new StringBuilder();
        int end = closing[open];
        for (int i = open + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '(' && closing[i] > i) {
                level.append("()");
                i = closing[i];
            } else {
                level.append(c);
            }
        }
        return level.toString();
    }

    /** The opening parenthesis of the innermost group around a position, or -1. */
    private int enclosing(int position) {
        int best = -1;
        for (int i = 0; i < position; i++) {
            if (closing[i] > position && (best < 0 || i > best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The operands that a column, unqualified, is compared with {@code =} as, each the side of the innermost such
     * comparison that holds the column, as printed: {@code split_part(path, '/'::text, 1)} in
     * {@code (split_part(path, '/'::text, 1) = ( SELECT ...))}, {@code tenant_id} where it is compared as it is. A
     * column joined by AND or OR before any comparison is found has no operand.
     */
    public Set<String> operandsOf(String column) {
        Set<String> operands = new LinkedHashSet<>();
        Matcher matcher = Pattern.compile("(?<![\\w.$\"])\"?" + Pattern.quote(column) + "\"?(?![\\w$\"(.])")
                .matcher(text);
        while (matcher.find()) {
            if (!inLiteral(text, matcher.start())) {
                String operand = operand(matcher.start());
                if (operand != null) {
                    operands.add(operand);
                }
            }
        }
        return operands;
    }

    /** The side of the innermost comparison around a position that holds it, or {@code null}. */
    private String operand(int position) {
        for (int open = enclosing(position); open >= 0; open = enclosing(open)) {
            int end = closing[open];
            int depth = 0;
            boolean literal = false;
            for (int i = open + 1; i < end; i++) {
                char c = text.charAt(i);
                if (c == '\'') {
                    literal = !literal;
                } else if (!literal && c == '(') {
                    depth++;
                } else if (!literal && c == ')') {
                    depth--;
                } else if (literal || depth > 0) {
                    continue;
                } else if (text.startsWith(" AND ", i) || text.startsWith(" OR ", i)) {
                    return null;
                } else if (text.startsWith(" = ", i)) {
                    return position < i ? text.substring(open + 1, i).strip() : text.substring(i + 3, end).strip();
                }
            }
        }
        return null;
    }

    /** Whether a position of printed SQL lies inside a string literal. */
    public static boolean inLiteral(String text, int position) {
        boolean in = false;
        for (int i = 0; i < position; i++) {
            if (text.charAt(i) == '\'') {
                in = !in;
            }
        }
        return in;
    }

    /** For each opening parenthesis outside a string literal, the index of its closing one; -1 elsewhere. */
    public static int[] closingParentheses(String text) {
        int[] closing = new int[text.length()];
        Arrays.fill(closing, -1);
        List<Integer> open = new ArrayList<>();
        boolean literal = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                literal = !literal;
            } else if (!literal && c == '(') {
                open.add(i);
            } else if (!literal && c == ')' && !open.isEmpty()) {
                closing[open.remove(open.size() - 1)] = i;
            }
        }
        return closing;
    }
}
