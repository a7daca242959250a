package io.rlstestkit.cli;

import io.rlstestkit.internal.tenant.PolicyExpression;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code init} reads from a migrated catalog to propose a configuration: the tables with row-level security, the
 * roles their policies name, the settings their policies (and the functions of the schema) read, the column they
 * compare most often, and the tables whose policies compare no column as it is, with the expressions they compare
 * with the tenant's identity instead.
 */
final class PolicyCatalog {

    /**
     * The facts.
     *
     * @param tables       tables with row-level security, schema-qualified
     * @param policyRoles  roles the policies are for, PUBLIC left out
     * @param settings     settings read with {@code current_setting('...')}
     * @param tenantColumn the column that the most policies' tables filter on, or null
     * @param bypassRoles  roles (not superusers) with BYPASSRLS: candidates for the worker
     * @param expressionTables tables whose policies compare no column as it is, each with the expressions over its
     *                         columns that they compare with a setting or a claim instead
     *                         ({@code split_part(path, '/'::text, 1)}), as PostgreSQL prints them; none where they
     *                         compare none (a table that reaches its tenant by a foreign key)
     */
    record Facts(List<String> tables, List<String> policyRoles, List<String> settings, String tenantColumn,
                 List<String> bypassRoles, Map<String, Set<String>> expressionTables) {
    }

    /** The functions that read a claim of the signed-in user, as Supabase ships them. */
    private static final Set<String> CLAIM_FUNCTIONS = Set.of("auth.uid", "auth.jwt", "auth.email");

    private static final Pattern SETTING = Pattern.compile("current_setting\\(\\s*'([^']+)'");
    /** Each policy ({@code p}) with each column ({@code a}) of its table ({@code c}, in its schema {@code n}). */
    private static final String POLICY_COLUMNS = " from pg_policies p join pg_namespace n on n.nspname = p.schemaname"
            + " join pg_class c on c.relnamespace = n.oid and c.relname = p.tablename join pg_attribute a"
            + " on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped";
    private static final String USER_SCHEMAS = "not in ('pg_catalog', 'information_schema') and %s not like 'pg_%%'";

    private PolicyCatalog() {
    }

    static Facts read(Connection connection) throws SQLException {
        List<String> tables = strings(connection, "select n.nspname || '.' || c.relname from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where c.relrowsecurity and n.nspname "
                + USER_SCHEMAS.formatted("n.nspname") + " order by 1");
        List<String> roles = strings(connection, "select distinct r from pg_policies, unnest(roles) r"
                + " where r <> 'public' order by 1");
        TreeSet<String> settings = new TreeSet<>();
        for (String text : strings(connection, "select coalesce(qual, '') || ' ' || coalesce(with_check, '')"
                + " from pg_policies union all select p.prosrc from pg_proc p join pg_namespace n"
                + " on n.oid = p.pronamespace where n.nspname " + USER_SCHEMAS.formatted("n.nspname"))) {
            Matcher matcher = SETTING.matcher(text);
            while (matcher.find()) {
                settings.add(matcher.group(1));
            }
        }
        Map<String, Integer> columnUses = new LinkedHashMap<>();
        Map<String, Integer> compared = new LinkedHashMap<>();
        Map<String, Boolean> tableCompares = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select a.attname, string_agg(coalesce(p.qual, '') || ' '"
                     + " || coalesce(p.with_check, ''), ' '), n.nspname || '.' || c.relname" + POLICY_COLUMNS
                     + " group by c.oid, n.nspname, c.relname, a.attname order by a.attname")) {
            while (rows.next()) {
                String column = Pattern.quote(rows.getString(1));
                String policies = rows.getString(2);
                tableCompares.putIfAbsent(rows.getString(3), false);
                if (Pattern.compile("\\b" + column + "\\b").matcher(policies).find()) {
                    columnUses.merge(rows.getString(1), 1, Integer::sum);
                }
                if (Pattern.compile("(?<![\\w.])" + column + "\\s*=(?!=)|=\\s*" + column + "\\b").matcher(policies)
                        .find()) {
                    compared.merge(rows.getString(1), 1, Integer::sum);
                    tableCompares.put(rows.getString(3), true);
                }
            }
        }
        // a column compared as it is names the tenant; one that only a function reads (split_part(path, ...)) does not
        String tenantColumn = (compared.isEmpty() ? columnUses : compared).entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()).map(Map.Entry::getKey).orElse(null);
        Map<String, Set<String>> expressionTables = new LinkedHashMap<>();
        tableCompares.forEach((table, compares) -> {
            if (!compares) {
                expressionTables.put(table, new LinkedHashSet<>());
            }
        });
        if (!expressionTables.isEmpty()) {
            readExpressions(connection, expressionTables);
        }
        List<String> bypass = strings(connection, "select rolname from pg_roles where rolbypassrls and not rolsuper"
                + " and rolname not like 'pg\\_%' order by 1");
        return new Facts(tables, roles, new ArrayList<>(settings), tenantColumn, bypass, expressionTables);
    }

    /**
     * Adds to each table the expressions over one of its columns that its policies compare, with {@code =}, with a
     * setting or a claim: {@code split_part(path, '/'::text, 1)} in
     * {@code split_part(path, '/'::text, 1) = current_setting('app.current_workspace_id'::text, true)}.
     */
    private static void readExpressions(Connection connection, Map<String, Set<String>> tables) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select n.nspname || '.' || c.relname, c.relname, a.attname,"
                     + " p.qual, p.with_check" + POLICY_COLUMNS + " order by 1, p.policyname, a.attnum")) {
            while (rows.next()) {
                Set<String> expressions = tables.get(rows.getString(1));
                if (expressions == null) {
                    continue;
                }
                for (String text : new String[] {rows.getString(4), rows.getString(5)}) {
                    if (text == null) {
                        continue;
                    }
                    PolicyExpression parsed = PolicyExpression.of(text);
                    String column = rows.getString(3);
                    if (parsed.columnsComparedWith(rows.getString(2), List.of(column), PolicyCatalog::readsIdentity,
                            name -> false).isEmpty()) {
                        continue;
                    }
                    parsed.operandsOf(column).stream().map(PolicyCatalog::unwrapped)
                            .filter(operand -> !operand.equals(column) && !operand.equals('"' + column + '"'))
                            .forEach(expressions::add);
                }
            }
        }
    }

    /** Whether a piece of a policy reads a setting or a claim of the signed-in user. */
    private static boolean readsIdentity(String text) {
        return !PolicyExpression.settingsRead(text).isEmpty()
                || PolicyExpression.calls(text).stream().anyMatch(CLAIM_FUNCTIONS::contains);
    }

    /** An expression without the parentheses around the whole of it. */
    private static String unwrapped(String expression) {
        String text = expression.strip();
        while (text.startsWith("(") && PolicyExpression.closingParentheses(text)[0] == text.length() - 1) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
