package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The one place that reads {@code pg_catalog}: every fact the kit needs about a schema comes from here.
 * Queries run on the connection given, in whatever transaction and role it is in; callers pick the owner's
 * scope where a fact must not be filtered by privileges.
 */
@API(status = INTERNAL)
public final class Catalog {

    /** Schemas that belong to PostgreSQL itself, never to the project. */
    public static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

    private static final Pattern SETTING_READ = Pattern.compile("current_setting\\s*\\(\\s*'([^']+)'");

    /**
     * The columns of a table ({@code c}, of {@code pg_class}, in its schema {@code n}) that {@link #table} reads back
     * as a {@link TableInfo}.
     */
    static final String TABLE_COLUMNS = "c.oid, n.nspname, c.relname, pg_get_userbyid(c.relowner), "
            + "c.relrowsecurity, c.relforcerowsecurity, c.relkind = 'p'";

    private final Connection connection;

    public Catalog(Connection connection) {
        this.connection = connection;
    }

    /**
     * The table (or view) a name denotes, resolved as PostgreSQL resolves it on this connection: an unqualified
     * name through the {@code search_path}.
     */
    public Optional<TableInfo> table(String name) {
        List<TableInfo> found = tables("SELECT " + TABLE_COLUMNS + " FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?) "
                + "AND c.relkind IN ('r', 'p', 'v', 'm', 'f')", name);
        if (found.isEmpty()) {
            // An unquoted name PostgreSQL folds to lower case finds nothing; where exactly one table of that name
            // in another case exists (created as "Workspace"), that is the table meant.
            List<TableInfo> variants = caseVariants(name);
            return variants.size() == 1 ? Optional.of(variants.get(0)) : Optional.empty();
        }
        return found.stream().findFirst();
    }

    /**
     * The tables (or views) whose name matches an unquoted name in any case ({@code Workspace} for a table created
     * as {@code "Workspace"}): in the schema the name gives, else in the schemas of the {@code search_path}.
     * Empty for a name with quotes: it says its case.
     */
    public List<TableInfo> caseVariants(String name) {
        if (name.contains("\"")) {
            return List.of();
        }
        int dot = name.lastIndexOf('.');
        String relation = name.substring(dot + 1).strip();
        String schema = dot < 0 ? null : name.substring(0, dot).strip();
        return tables("SELECT " + TABLE_COLUMNS + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND lower(c.relname) = lower(?) AND "
                + (schema == null ? "n.nspname = ANY (current_schemas(false))" : "lower(n.nspname) = lower(?)")
                + " ORDER BY n.nspname, c.relname", schema == null ? new Object[] {relation}
                : new Object[] {relation, schema});
    }

    /** Every table of the project's schemas with row-level security enabled, by schema and name. */
    public List<TableInfo> rlsTables() {
        return tables("SELECT " + TABLE_COLUMNS + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND NOT c.relispartition AND " + USER_SCHEMAS
                + " ORDER BY n.nspname, c.relname");
    }

    /** Every table of the project's schemas that has a column of that name, by schema and name. */
    public List<TableInfo> tablesWithColumn(String column) {
        return tables("SELECT " + TABLE_COLUMNS + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMAS
                + " AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ? "
                + "AND a.attnum > 0 AND NOT a.attisdropped) ORDER BY n.nspname, c.relname", column);
    }

    /**
     * The columns of a table, in order. The table's constraints and unique indexes are read once (materialized),
     * not once per column: that keeps this query, which every table assertion runs, well under a millisecond.
     */
    public List<ColumnInfo> columns(TableInfo table) {
        String sql = "WITH k AS MATERIALIZED (SELECT contype, conkey FROM pg_constraint WHERE conrelid = ?), "
                + "u AS MATERIALIZED (SELECT indkey FROM pg_index WHERE indrelid = ? AND indisunique) "
                + "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
                + "coalesce(bt.typname, t.typname), t.typcategory, a.attnotnull, "
                + "a.atthasdef OR a.attidentity <> '', a.attgenerated <> '' OR a.attidentity = 'a', "
                + "EXISTS (SELECT 1 FROM u WHERE a.attnum = ANY (u.indkey)) "
                + "  OR EXISTS (SELECT 1 FROM k WHERE k.contype = 'x' AND a.attnum = ANY (k.conkey)), "
                + "EXISTS (SELECT 1 FROM k WHERE k.contype = 'f' AND a.attnum = ANY (k.conkey)), "
                + "EXISTS (SELECT 1 FROM k WHERE k.contype = 'c' AND a.attnum = ANY (k.conkey)) "
                + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype "
                + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
        return query(sql, rows -> new ColumnInfo(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getBoolean(5), rows.getBoolean(6), rows.getBoolean(7), rows.getBoolean(8),
                rows.getBoolean(9), rows.getBoolean(10)), table.oid(), table.oid(), table.oid());
    }

    /** The column of that name, if the table has it. */
    public Optional<ColumnInfo> column(TableInfo table, String name) {
        return columns(table).stream().filter(column -> column.name().equals(name)).findFirst();
    }

    /** The row-level security policies on a table, by name. */
    public List<PolicyInfo> policies(TableInfo table) {
        return policies("WHERE c.oid = ?", table.oid());
    }

    /** Every row-level security policy in the project's schemas. */
    public List<PolicyInfo> allPolicies() {
        return policies("WHERE " + USER_SCHEMAS);
    }

    private List<PolicyInfo> policies(String where, Object... args) {
        String sql = "SELECT n.nspname || '.' || c.relname, p.polname, p.polpermissive, "
                + "CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' "
                + "  WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, "
                + "CASE WHEN p.polroles = '{0}' THEN ARRAY['public'] "
                + "  ELSE ARRAY(SELECT rolname::text FROM pg_roles WHERE oid = ANY (p.polroles) ORDER BY rolname) END, "
                + "pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) "
                + "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + where + " ORDER BY n.nspname, c.relname, p.polname";
        return query(sql, rows -> new PolicyInfo(rows.getString(1), rows.getString(2), rows.getBoolean(3),
                rows.getString(4), strings(rows.getArray(5)), rows.getString(6), rows.getString(7)), args);
    }

    /** A role, or the session user when the name is {@code null}; empty when no role has that name. */
    public Optional<RoleInfo> role(String name) {
        String sql = "SELECT r.rolname, r.rolsuper, r.rolbypassrls, "
                + "ARRAY(SELECT m.rolname::text FROM pg_roles m WHERE pg_has_role(r.oid, m.oid, 'USAGE') ORDER BY 1) "
                + "FROM pg_roles r WHERE r.rolname = coalesce(?, session_user)";
        return query(sql, rows -> new RoleInfo(rows.getString(1), rows.getBoolean(2), rows.getBoolean(3),
                strings(rows.getArray(4))), name).stream().findFirst();
    }

    /** The names of the roles that are not PostgreSQL's own ({@code pg_*}), by name. */
    public List<String> roleNames() {
        return query("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' ORDER BY rolname", rows -> rows.getString(1));
    }

    /**
     * The tables with row-level security enabled but not forced that a role owns, directly or through a role whose
     * privileges it has: row-level security does not apply to their owner.
     */
    public List<TableInfo> ownedWithoutForce(String role) {
        return tables("SELECT " + TABLE_COLUMNS + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND NOT c.relforcerowsecurity AND "
                + USER_SCHEMAS + " AND pg_has_role(?, c.relowner, 'USAGE') ORDER BY n.nspname, c.relname", role);
    }

    /**
     * The settings that policies and functions of the project's schemas read with {@code current_setting}, each
     * with the first place that reads it ({@code policy tenant_isolation on public.invoices}).
     */
    public Map<String, String> settingsRead() {
        Map<String, String> reads = new LinkedHashMap<>();
        for (PolicyInfo policy : allPolicies()) {
            String where = "policy " + policy.name() + " on " + policy.table();
            collectSettings(policy.using(), where, reads);
            collectSettings(policy.withCheck(), where, reads);
        }
        String functions = "SELECT n.nspname || '.' || p.proname, p.prosrc FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMAS + " ORDER BY 1";
        for (String[] function : query(functions, rows -> new String[] {rows.getString(1), rows.getString(2)})) {
            collectSettings(function[1], "function " + function[0], reads);
        }
        return reads;
    }

    private static void collectSettings(String expression, String where, Map<String, String> reads) {
        settingsIn(expression).forEach(setting -> reads.putIfAbsent(setting, where));
    }

    /** The settings an expression or function body reads with {@code current_setting('name' ...)}, in order. */
    public static Set<String> settingsIn(String expression) {
        Set<String> settings = new LinkedHashSet<>();
        if (expression != null) {
            Matcher matcher = SETTING_READ.matcher(expression);
            while (matcher.find()) {
                settings.add(matcher.group(1));
            }
        }
        return settings;
    }

    /** The user the connection logged in as. */
    public String sessionUser() {
        return query("SELECT session_user", rows -> rows.getString(1)).get(0);
    }

    /** Whether the role is a superuser, or the session user when the name is {@code null}. */
    public boolean isSuperuser(String role) {
        return role(role).map(RoleInfo::superuser).orElse(false);
    }

    /** The server's version number, {@code 170011} for 17.11. */
    public int serverVersion() {
        return query("SELECT current_setting('server_version_num')::int", rows -> rows.getInt(1)).get(0);
    }

    private List<TableInfo> tables(String sql, Object... args) {
        return query(sql, rows -> table(rows, 1), args);
    }

    /** The table whose {@link #TABLE_COLUMNS} a row holds from a column on. */
    static TableInfo table(ResultSet rows, int first) throws SQLException {
        return new TableInfo(rows.getLong(first), rows.getString(first + 1), rows.getString(first + 2),
                rows.getString(first + 3), rows.getBoolean(first + 4), rows.getBoolean(first + 5),
                rows.getBoolean(first + 6));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }

    /** Reads one row of a result set. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs a query with positional arguments and reads every row. */
    public <T> List<T> query(String sql, RowReader<T> reader, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new CatalogException("Reading the catalog failed: " + e.getMessage() + "\n  query: " + sql, e);
        }
    }

    /** A catalog query failed: a kit defect or a server the kit does not support. */
    public static final class CatalogException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CatalogException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
