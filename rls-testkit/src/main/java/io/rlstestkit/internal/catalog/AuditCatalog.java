package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The catalog facts the policy audit and the deny matrix need beyond {@link Catalog}'s: every table with its
 * columns, what policies read, indexes, SECURITY DEFINER functions, views, foreign keys. Reads through a
 * {@link Catalog}, in whatever role its connection is in (the owner's, for the audit).
 */
@API(status = INTERNAL)
public final class AuditCatalog {

    private static final String USER_SCHEMAS = Catalog.USER_SCHEMAS;

    /** Objects that belong to an extension, which the project does not write. */
    private static final String NOT_IN_EXTENSION = "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %s "
            + "AND e.objid = %s AND e.deptype = 'e')";

    private final Catalog catalog;

    public AuditCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every table of the project's schemas (partitions aside), with its column names in order. */
    public Map<TableInfo, List<String>> tables() {
        Map<TableInfo, List<String>> tables = new LinkedHashMap<>();
        catalog.query("SELECT " + Catalog.TABLE_COLUMNS + ", ARRAY(SELECT a.attname::text FROM pg_attribute a "
                + "WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " + USER_SCHEMAS + " AND "
                + NOT_IN_EXTENSION.formatted("'pg_class'::regclass", "c.oid") + " ORDER BY n.nspname, c.relname",
                rows -> tables.put(Catalog.table(rows, 1), strings(rows.getArray(8))));
        return tables;
    }

    /** The policies (table and name) whose USING or WITH CHECK reads their own table in a subquery. */
    public List<String[]> policiesReadingOwnTable() {
        return catalog.query("SELECT n.nspname || '.' || c.relname, p.polname FROM pg_policy p "
                + "JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + USER_SCHEMAS + " AND EXISTS (SELECT 1 FROM regexp_matches(coalesce(p.polqual::text, '') "
                + "|| ' ' || coalesce(p.polwithcheck::text, ''), ':relid (\\d+)', 'g') AS m "
                + "WHERE m[1]::oid = p.polrelid) ORDER BY 1, 2",
                rows -> new String[] {rows.getString(1), rows.getString(2)});
    }

    /**
     * The columns of its own table that each table's policies read, except policies for INSERT only (which filter
     * no rows): schema-qualified table to column names.
     */
    public Map<String, List<String>> policyColumns() {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        catalog.query("SELECT n.nspname || '.' || c.relname, "
                + "array_agg(DISTINCT a.attname::text ORDER BY a.attname::text) FROM pg_policy p "
                + "JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid "
                + "  AND d.refclassid = 'pg_class'::regclass AND d.refobjid = p.polrelid AND d.refobjsubid > 0 "
                + "JOIN pg_attribute a ON a.attrelid = p.polrelid AND a.attnum = d.refobjsubid "
                + "WHERE p.polcmd <> 'a' AND " + USER_SCHEMAS + " GROUP BY 1 ORDER BY 1",
                rows -> columns.put(rows.getString(1), strings(rows.getArray(2))));
        return columns;
    }

    /**
     * The key columns of each index of the project's tables, in key order: schema-qualified table to one list per
     * index; an expression in the key is {@code null}.
     */
    public Map<String, List<List<String>>> indexKeys() {
        Map<String, List<List<String>>> indexes = new LinkedHashMap<>();
        catalog.query("SELECT n.nspname || '.' || c.relname, ARRAY(SELECT a.attname::text "
                + "FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                + "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0 "
                + "WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) "
                + "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE " + USER_SCHEMAS + " ORDER BY 1, i.indexrelid",
                rows -> indexes.computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                        .add(strings(rows.getArray(2))));
        return indexes;
    }

    /**
     * The functions of the project's schemas that policies call, each with its source text (empty for a
     * SQL-standard body): signature to source.
     */
    public Map<String, String> functionsCalledByPolicies() {
        Map<String, String> functions = new LinkedHashMap<>();
        catalog.query("SELECT DISTINCT " + signature("f", "fn") + ", coalesce(f.prosrc, '') FROM pg_policy p "
                + "JOIN pg_depend d ON d.classid = 'pg_policy'::regclass AND d.objid = p.oid "
                + "  AND d.refclassid = 'pg_proc'::regclass "
                + "JOIN pg_proc f ON f.oid = d.refobjid JOIN pg_namespace fn ON fn.oid = f.pronamespace "
                + "JOIN pg_language l ON l.oid = f.prolang "
                + "WHERE " + USER_SCHEMAS.replace("n.", "fn.") + " AND l.lanname IN ('sql', 'plpgsql') ORDER BY 1",
                rows -> functions.put(rows.getString(1), rows.getString(2)));
        return functions;
    }

    /**
     * The SECURITY DEFINER functions and procedures of the project's schemas, by signature.
     *
     * @param roles the roles to ask {@code has_function_privilege} for; each must exist
     */
    public List<FunctionInfo> securityDefinerFunctions(List<String> roles) {
        return catalog.query("SELECT " + signature("p", "n") + ", pg_get_userbyid(p.proowner), l.lanname, "
                + "EXISTS (SELECT 1 FROM unnest(p.proconfig) s WHERE s LIKE 'search\\_path=%'), "
                + "CASE WHEN p.prosqlbody IS NULL THEN p.prosrc END, "
                + "ARRAY(SELECT DISTINCT rn.nspname || '.' || r.relname FROM pg_depend d "
                + "  JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = r.relnamespace "
                + "  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_class'::regclass "
                + "  AND d.deptype = 'n' ORDER BY 1), "
                + "ARRAY(SELECT r FROM unnest(?::text[]) AS r WHERE has_function_privilege(r, p.oid, 'EXECUTE') "
                + "  ORDER BY r), "
                + "p.prorettype IN ('trigger'::regtype, 'event_trigger'::regtype) "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
                + "WHERE p.prosecdef AND " + USER_SCHEMAS + " AND "
                + NOT_IN_EXTENSION.formatted("'pg_proc'::regclass", "p.oid") + " ORDER BY 1",
                rows -> new FunctionInfo(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
                        rows.getString(5), strings(rows.getArray(6)), strings(rows.getArray(7)), rows.getBoolean(8)),
                (Object) roles.toArray(String[]::new));
    }

    /**
     * Every SQL and PL/pgSQL function of the project's schemas, with its source text (a SQL-standard body as
     * PostgreSQL prints it): signature to source.
     */
    public Map<String, String> functionSources() {
        Map<String, String> functions = new LinkedHashMap<>();
        catalog.query("SELECT " + signature("p", "n") + ", CASE WHEN p.prosqlbody IS NULL THEN coalesce(p.prosrc, '') "
                + "ELSE pg_get_function_sqlbody(p.oid) END "
                + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang "
                + "WHERE l.lanname IN ('sql', 'plpgsql') AND " + USER_SCHEMAS + " AND "
                + NOT_IN_EXTENSION.formatted("'pg_proc'::regclass", "p.oid") + " ORDER BY 1",
                rows -> functions.put(rows.getString(1), rows.getString(2)));
        return functions;
    }

    /**
     * The views and materialized views of the project's schemas that read a table with row-level security, directly
     * or through other views, by name.
     *
     * @param roles the roles to ask {@code has_table_privilege} for; each must exist
     */
    public List<ViewInfo> viewsOverRlsTables(List<String> roles) {
        return catalog.query("WITH RECURSIVE reads(view, rel) AS ("
                + "  SELECT DISTINCT w.ev_class, d.refobjid FROM pg_rewrite w JOIN pg_depend d "
                + "    ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND d.refclassid = 'pg_class'::regclass "
                + "    AND d.refobjid <> w.ev_class "
                + "  UNION "
                + "  SELECT reads.view, d.refobjid FROM reads JOIN pg_rewrite w ON w.ev_class = reads.rel "
                + "    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid "
                + "    AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> w.ev_class) "
                + "SELECT n.nspname || '.' || v.relname, pg_get_userbyid(v.relowner), v.relkind = 'm', "
                + "coalesce((SELECT lower(o.option_value) IN ('true', 'on', 'yes', '1') "
                + "  FROM pg_options_to_table(v.reloptions) o WHERE o.option_name = 'security_invoker'), false), "
                + "ARRAY(SELECT DISTINCT tn.nspname || '.' || t.relname FROM reads "
                + "  JOIN pg_class t ON t.oid = reads.rel JOIN pg_namespace tn ON tn.oid = t.relnamespace "
                + "  WHERE reads.view = v.oid AND t.relkind IN ('r', 'p') AND t.relrowsecurity ORDER BY 1), "
                + "ARRAY(SELECT r FROM unnest(?::text[]) AS r WHERE has_table_privilege(r, v.oid, 'SELECT') ORDER BY r) "
                + "FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace "
                + "WHERE v.relkind IN ('v', 'm') AND " + USER_SCHEMAS + " AND "
                + NOT_IN_EXTENSION.formatted("'pg_class'::regclass", "v.oid") + " AND EXISTS (SELECT 1 FROM reads "
                + "  JOIN pg_class t ON t.oid = reads.rel WHERE reads.view = v.oid AND t.relkind IN ('r', 'p') "
                + "  AND t.relrowsecurity) ORDER BY 1",
                rows -> new ViewInfo(rows.getString(1), rows.getString(2), rows.getBoolean(3), rows.getBoolean(4),
                        strings(rows.getArray(5)), strings(rows.getArray(6))),
                (Object) roles.toArray(String[]::new));
    }

    /** Every foreign key of the project's tables, by table and name. */
    public List<ForeignKeyInfo> foreignKeys() {
        return catalog.query("SELECT k.conname, " + Catalog.TABLE_COLUMNS + ", "
                + Catalog.TABLE_COLUMNS.replace("c.", "pc.").replace("n.", "pn.") + ", "
                + "ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS x(attnum, ord) "
                + "  JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum ORDER BY x.ord), "
                + "ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY AS x(attnum, ord) "
                + "  JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.attnum ORDER BY x.ord), "
                + "CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' "
                + "  WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END "
                + "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class pc ON pc.oid = k.confrelid "
                + "JOIN pg_namespace pn ON pn.oid = pc.relnamespace "
                + "WHERE k.contype = 'f' AND k.conparentid = 0 AND " + USER_SCHEMAS + " ORDER BY n.nspname, c.relname, k.conname",
                rows -> new ForeignKeyInfo(rows.getString(1), Catalog.table(rows, 2), strings(rows.getArray(16)),
                        Catalog.table(rows, 9), strings(rows.getArray(17)), rows.getString(18)));
    }

    private static String signature(String proc, String namespace) {
        return namespace + ".nspname || '.' || " + proc + ".proname || '(' || oidvectortypes(" + proc
                + ".proargtypes) || ')'";
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(value -> value == null ? null : value.toString())
                .toList();
    }
}
