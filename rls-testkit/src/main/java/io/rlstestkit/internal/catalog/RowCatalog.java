package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The catalog facts the deny matrix needs to make a row of a table: its constraints and the columns they read, the
 * text of its CHECK constraints, the labels of its enum columns, and rows of the tables it references.
 */
@API(status = INTERNAL)
public final class RowCatalog {

    private final Catalog catalog;

    public RowCatalog(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Every constraint of a table (check, unique, primary key, exclusion, foreign key), and every unique index that is
     * not a constraint's (a partial one, say): name to its columns.
     */
    public Map<String, List<String>> constraintColumns(TableInfo table) {
        Map<String, List<String>> constraints = new LinkedHashMap<>();
        catalog.query("SELECT k.conname, ARRAY(SELECT a.attname::text FROM unnest(k.conkey) AS x(attnum) "
                        + "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.attnum ORDER BY a.attnum) "
                        + "FROM pg_constraint k WHERE k.conrelid = ? "
                        + "UNION ALL SELECT c.relname::text, ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) "
                        + "AS x(attnum) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = x.attnum "
                        + "ORDER BY a.attnum) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        + "WHERE i.indrelid = ? AND i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                        + "WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid) ORDER BY 1",
                rows -> constraints.put(rows.getString(1), strings(rows.getArray(2))), table.oid(), table.oid());
        return constraints;
    }

    /** The CHECK constraints of a table and of the domains of its columns: the columns each reads, to its text. */
    public Map<String, List<String>> checks(TableInfo table) {
        Map<String, List<String>> checks = new LinkedHashMap<>();
        catalog.query("SELECT a.attname::text, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                        + "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) "
                        + "WHERE k.conrelid = ? AND k.contype = 'c' "
                        + "UNION ALL SELECT a.attname::text, pg_get_constraintdef(k.oid) FROM pg_attribute a "
                        + "JOIN pg_constraint k ON k.contypid = a.atttypid AND k.contype = 'c' "
                        + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2",
                rows -> checks.computeIfAbsent(rows.getString(1), key -> new java.util.ArrayList<>())
                        .add(rows.getString(2)), table.oid(), table.oid());
        return checks;
    }

    /** The labels of each enum column of a table (of the enum under a domain, too), in their order. */
    public Map<String, List<String>> enumLabels(TableInfo table) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        catalog.query("SELECT a.attname::text, ARRAY(SELECT e.enumlabel::text FROM pg_enum e "
                        + "WHERE e.enumtypid = coalesce(nullif(t.typbasetype, 0), t.oid) ORDER BY e.enumsortorder) "
                        + "FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                        + "WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                rows -> {
                    List<String> values = strings(rows.getArray(2));
                    return values.isEmpty() ? null : labels.put(rows.getString(1), values);
                }, table.oid());
        return labels;
    }

    /**
     * The first rows (in the order of the columns asked for) of a table that match conditions, at most a number of
     * them, the columns asked for as text.
     *
     * @param table      the table
     * @param columns    the columns to read
     * @param conditions column to the text of the value it must have (compared as text)
     * @param limit      how many rows at most
     */
    public List<List<String>> firstRows(TableInfo table, List<String> columns, Map<String, String> conditions,
                                        int limit) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Identifiers.quote(columns.get(i))).append("::text");
        }
        sql.append(" FROM ").append(table.qualifiedName());
        int i = 0;
        for (String column : conditions.keySet()) {
            sql.append(i++ == 0 ? " WHERE " : " AND ").append(Identifiers.quote(column)).append("::text = ?");
        }
        sql.append(" ORDER BY ");
        for (int j = 0; j < columns.size(); j++) {
            sql.append(j == 0 ? "" : ", ").append(j + 1);
        }
        sql.append(" LIMIT ").append(limit);
        return catalog.query(sql.toString(), result -> {
            String[] values = new String[columns.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = result.getString(j + 1);
            }
            return Arrays.asList(values);
        }, conditions.values().toArray());
    }

    /**
     * The next value of a column's default, as text, taken now (a sequence moves on): for a row whose key must be
     * known before it is inserted, such as the first row of a NOT NULL self-reference, which references itself.
     *
     * @return the value; empty where the column has no default, or is {@code GENERATED ALWAYS AS IDENTITY}, which no
     *         INSERT may set without {@code OVERRIDING SYSTEM VALUE}
     */
    public Optional<String> nextDefault(TableInfo table, String column) {
        List<List<String>> found = catalog.query("SELECT a.attidentity::text, pg_get_expr(d.adbin, d.adrelid), "
                        + "pg_get_serial_sequence(?, a.attname) FROM pg_attribute a LEFT JOIN pg_attrdef d "
                        + "ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attrelid = ? AND a.attname = ?",
                rows -> Arrays.asList(rows.getString(1), rows.getString(2), rows.getString(3)),
                table.qualifiedName(), table.oid(), column);
        if (found.isEmpty() || "a".equals(found.get(0).get(0))) {
            return Optional.empty();
        }
        String expression = "d".equals(found.get(0).get(0)) ? "nextval(" + Identifiers.literal(found.get(0).get(2))
                + ")" : found.get(0).get(1);
        return expression == null ? Optional.empty()
                : Optional.ofNullable(catalog.query("SELECT (" + expression + ")::text", rows -> rows.getString(1))
                        .get(0));
    }

    /** Whether a constraint of a table is deferrable: checked, where it is deferred, at COMMIT, not at once. */
    public boolean deferrable(TableInfo table, String constraint) {
        return catalog.query("SELECT condeferrable FROM pg_constraint WHERE conrelid = ? AND conname = ?",
                rows -> rows.getBoolean(1), table.oid(), constraint).stream().anyMatch(Boolean::booleanValue);
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
