package io.rlstestkit.internal.guard;

import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables with row-level security a statement reads or writes, from the plan PostgreSQL makes for it: the guard's
 * own connection as the owner runs {@code EXPLAIN} (never the statement), once per statement text. Views appear as
 * the tables beneath them. Statements that cannot be explained (DDL, utility commands, errors) touch none: they run
 * and fail or succeed as they would.
 */
final class StatementTables {

    /** A table with row-level security: its oid (the same in every copy of a template) and its qualified name. */
    record RlsTable(long oid, String name) {
    }

    private static final Set<String> DATA_STATEMENTS = Set.of("select", "insert", "update", "delete", "merge", "with",
            "values", "table", "(");
    private static final Pattern RELATION = Pattern.compile(
            "\"Relation Name\": \"((?:[^\"\\\\]|\\\\.)*)\",\\s*\"Schema\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String RLS_TABLES = "SELECT c.oid, n.nspname, c.relname,"
            + " quote_ident(n.nspname) || '.' || quote_ident(c.relname)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relrowsecurity"
            + " AND c.relkind IN ('r', 'p')";
    private static final String EXPLAIN = "EXPLAIN (VERBOSE, FORMAT JSON) ";
    private static final String PREPARED = "rls_testkit_guard";

    private final DataSource owner;
    private final Map<String, List<RlsTable>> cache = new ConcurrentHashMap<>();

    StatementTables(DataSource owner) {
        this.owner = owner;
    }

    List<RlsTable> of(String sql, boolean prepared) throws SQLException {
        String key = (prepared ? "P:" : "S:") + sql;
        List<RlsTable> known = cache.get(key);
        if (known != null) {
            return known;
        }
        List<RlsTable> found = find(sql, prepared);
        cache.put(key, found);
        return found;
    }

    private List<RlsTable> find(String sql, boolean prepared) throws SQLException {
        List<NativeQuery> queries = Parser.parseJdbcSql(sql, true, prepared, true, false, false);
        List<NativeQuery> data = queries.stream().filter(query -> dataStatement(query.nativeSql.strip())).toList();
        if (data.isEmpty()) {
            return List.of();
        }
        try (Connection connection = owner.getConnection()) {
            Set<String> names = new LinkedHashSet<>();
            for (NativeQuery query : data) {
                names.addAll(relations(connection, query));
            }
            List<RlsTable> result = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(RLS_TABLES)) {
                while (rows.next()) {
                    if (names.contains(rows.getString(2) + '\u0000' + rows.getString(3))) {
                        result.add(new RlsTable(rows.getLong(1), rows.getString(4)));
                    }
                }
            }
            return List.copyOf(result);
        }
    }

    private static boolean dataStatement(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        return DATA_STATEMENTS.stream().anyMatch(word -> lower.startsWith(word)
                && (word.equals("(") || lower.length() == word.length()
                || !Character.isLetterOrDigit(lower.charAt(word.length()))));
    }

    /** The relations in the query's plan, as schema and name joined by a NUL; none where it cannot be planned. */
    private static Set<String> relations(Connection connection, NativeQuery query) {
        Set<String> names = new LinkedHashSet<>();
        String plan;
        try {
            plan = explain(connection, query);
        } catch (SQLException e) {
            return names;
        }
        Matcher matcher = RELATION.matcher(plan);
        while (matcher.find()) {
            names.add(unescape(matcher.group(2)) + '\u0000' + unescape(matcher.group(1)));
        }
        return names;
    }

    /**
     * The plan in JSON. A statement with parameters is prepared and its generic plan explained, which does not
     * depend on values: a custom plan for nulls would fold {@code amount >= NULL} to false and drop the table.
     */
    private static String explain(Connection connection, NativeQuery query) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (query.bindPositions.length == 0) {
                return read(statement.executeQuery(EXPLAIN + query.nativeSql));
            }
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE " + PREPARED + " AS " + query.nativeSql);
            try {
                return read(statement.executeQuery(EXPLAIN + "EXECUTE " + PREPARED + "("
                        + String.join(", ", Collections.nCopies(query.bindPositions.length, "NULL")) + ")"));
            } finally {
                statement.execute("DEALLOCATE " + PREPARED);
                statement.execute("RESET plan_cache_mode");
            }
        }
    }

    private static String read(ResultSet rows) throws SQLException {
        try (rows) {
            StringBuilder plan = new StringBuilder();
            while (rows.next()) {
                plan.append(rows.getString(1));
            }
            return plan.toString();
        }
    }

    private static String unescape(String json) {
        return json.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
