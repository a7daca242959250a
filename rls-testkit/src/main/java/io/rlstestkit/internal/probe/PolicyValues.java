package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.catalog.ColumnInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import org.apiguardian.api.API;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The values a table's policy expressions, as PostgreSQL prints them in {@code pg_policies}, compare its columns
 * with: {@code (status = 'draft'::text)}, {@code (kind = ANY (ARRAY['a'::text, 'b'::text]))} (an {@code IN} list),
 * {@code (priority >= 3)}, and {@code true} and {@code false} for a boolean column the policy reads. The insert probe
 * tries them where a policy refuses the tenant's own row.
 */
@API(status = INTERNAL)
public final class PolicyValues {

    private static final String CAST = "(?:\\)?::[\\w\" .\\[\\]]+?)?\\)?";
    private static final String OPERATOR = "(=|<>|!=|<=|>=|<|>)";
    private static final String LITERAL = "('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?)";
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'|(-?\\d+(?:\\.\\d+)?)");

    private PolicyValues() {
    }

    /**
     * The values to try per column, literals first in the order the expressions give them, for the columns the
     * expressions compare with a literal and the boolean columns they read.
     *
     * @param columns     the table's columns
     * @param expressions the policy expressions (null ones are skipped)
     */
    public static Map<String, List<String>> of(List<ColumnInfo> columns, List<String> expressions) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (ColumnInfo column : columns) {
            Set<String> found = new LinkedHashSet<>();
            String name = Pattern.quote(Identifiers.quote(column.name()));
            Pattern after = Pattern.compile("(?<![\\w.\"$])\\(?" + name + "(?![\\w\"$(])" + CAST + "\\s*" + OPERATOR
                    + "\\s*(?:(?:ANY|ALL)\\s*\\(\\s*ARRAY\\[([^\\]]*)\\]|" + LITERAL + ")");
            Pattern before = Pattern.compile(LITERAL + CAST + "\\s*" + OPERATOR + "\\s*\\(?" + name
                    + "(?![\\w\"$(])");
            Pattern mention = Pattern.compile("(?<![\\w.\"$'])" + name + "(?![\\w\"$('])");
            boolean mentioned = false;
            for (String expression : expressions) {
                if (expression == null) {
                    continue;
                }
                Matcher match = after.matcher(expression);
                while (match.find()) {
                    String list = match.group(2) != null ? match.group(2) : match.group(3);
                    add(found, list, match.group(1), column);
                }
                match = before.matcher(expression);
                while (match.find()) {
                    add(found, match.group(1), mirror(match.group(2)), column);
                }
                mentioned |= mention.matcher(expression).find();
            }
            if (mentioned && "B".equals(column.typeCategory())) {
                found.add("true");
                found.add("false");
            }
            if (!found.isEmpty()) {
                values.put(column.name(), List.copyOf(found));
            }
        }
        return values;
    }

    /** Every column an expression names, in the table's order. */
    public static List<String> mentioned(List<ColumnInfo> columns, List<String> expressions) {
        return columns.stream().map(ColumnInfo::name).filter(name -> expressions.stream().anyMatch(expression ->
                expression != null && Pattern.compile("(?<![\\w.\"$'])" + Pattern.quote(Identifiers.quote(name))
                        + "(?![\\w\"$('])").matcher(expression).find())).toList();
    }

    private static void add(Set<String> found, String literals, String operator, ColumnInfo column) {
        Matcher literal = QUOTED.matcher(literals);
        while (literal.find()) {
            if (literal.group(1) != null) {
                if (!operator.equals("<>") && !operator.equals("!=")) {
                    found.add(literal.group(1).replace("''", "'"));
                }
                continue;
            }
            BigDecimal number = new BigDecimal(literal.group(2));
            switch (operator) {
                case "<" -> found.add(number.subtract(BigDecimal.ONE).toPlainString());
                case ">" -> found.add(number.add(BigDecimal.ONE).toPlainString());
                case "<>", "!=" -> {
                    found.add(number.add(BigDecimal.ONE).toPlainString());
                    found.add(number.subtract(BigDecimal.ONE).toPlainString());
                }
                default -> found.add(number.toPlainString());
            }
        }
        if ("B".equals(column.typeCategory())) {
            found.removeIf(value -> !value.equals("true") && !value.equals("false"));
        }
    }

    private static String mirror(String operator) {
        return switch (operator) {
            case "<" -> ">";
            case ">" -> "<";
            case "<=" -> ">=";
            case ">=" -> "<=";
            default -> operator;
        };
    }
}
