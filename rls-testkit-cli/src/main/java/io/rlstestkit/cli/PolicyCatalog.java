package io.rlstestkit.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code init} reads from a migrated catalog to propose a configuration: the tables with row-level security, the
 * roles their policies name, the settings their policies (and the functions of the schema) read, the column they
 * compare most often, and the tables whose policies compare no column as it is.
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
     * @param expressionTables tables whose policies compare no column as it is: their tenant may be an expression
     */
    record Facts(List<String> tables, List<String> policyRoles, List<String> settings, String tenantColumn,
                 List<String> bypassRoles, List<String> expressionTables) {
    }

    private static final Pattern SETTING = Pattern.compile("current_setting\\(\\s*'([^']+)'");
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
                     + " || coalesce(p.with_check, ''), ' '), n.nspname || '.' || c.relname from pg_policies p"
                     + " join pg_namespace n on n.nspname = p.schemaname join pg_class c on c.relnamespace = n.oid"
                     + " and c.relname = p.tablename join pg_attribute a on a.attrelid = c.oid and a.attnum > 0"
                     + " and not a.attisdropped group by c.oid, n.nspname, c.relname, a.attname order by a.attname")) {
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
        List<String> expressionTables = tableCompares.entrySet().stream().filter(entry -> !entry.getValue())
                .map(Map.Entry::getKey).toList();
        List<String> bypass = strings(connection, "select rolname from pg_roles where rolbypassrls and not rolsuper"
                + " and rolname not like 'pg\\_%' order by 1");
        return new Facts(tables, roles, new ArrayList<>(settings), tenantColumn, bypass, expressionTables);
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
