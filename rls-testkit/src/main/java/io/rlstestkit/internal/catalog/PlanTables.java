package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The tables a statement reads and writes, as PostgreSQL plans it: {@code EXPLAIN (VERBOSE, FORMAT JSON)} names
 * every relation it scans and the target of every INSERT, UPDATE and DELETE (ModifyTable nodes), views expanded
 * to their tables. The statement is planned, not run.
 */
@API(status = INTERNAL)
public final class PlanTables {

    private static final String NODES = "SELECT DISTINCT n ->> 'Schema', n ->> 'Relation Name', n ->> 'Node Type', "
            + "coalesce(n ->> 'Operation', ''), coalesce(n ->> 'Conflict Resolution', '') "
            + "FROM jsonb_path_query(?::jsonb, 'lax $.** ? (exists (@.\"Relation Name\"))') AS n ORDER BY 1, 2, 3, 4";

    private PlanTables() {
    }

    /** Binds a statement's arguments. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /**
     * A table a statement touches, and how.
     *
     * @param table   schema-qualified
     * @param command {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
     */
    public record Touch(String table, String command) {
    }

    /**
     * The tables a statement touches; empty where it cannot be planned (a utility statement, an error), or is a
     * MERGE, whose commands the plan does not tell apart.
     */
    public static List<Touch> of(Connection connection, String sql, Binder binder) {
        String plan;
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (VERBOSE, FORMAT JSON) " + sql)) {
            binder.bind(explain);
            try (ResultSet rows = explain.executeQuery()) {
                if (!rows.next()) {
                    return List.of();
                }
                plan = rows.getString(1);
            }
        } catch (SQLException e) {
            return List.of();
        }
        Set<String> targets = new LinkedHashSet<>();
        Set<Touch> touched = new LinkedHashSet<>();
        List<String> scans = new ArrayList<>();
        try (PreparedStatement nodes = connection.prepareStatement(NODES)) {
            nodes.setString(1, plan);
            try (ResultSet rows = nodes.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1) + "." + rows.getString(2);
                    if (rows.getString(3).equals("ModifyTable")) {
                        String operation = rows.getString(4).toUpperCase(Locale.ROOT);
                        targets.add(table);
                        if (!operation.equals("MERGE")) {
                            touched.add(new Touch(table, operation));
                        }
                        if (rows.getString(5).equals("UPDATE")) {
                            touched.add(new Touch(table, "UPDATE"));
                        }
                    } else {
                        scans.add(table);
                    }
                }
            }
        } catch (SQLException e) {
            return List.of();
        }
        for (String scan : scans) {
            if (!targets.contains(scan)) {
                touched.add(new Touch(scan, "SELECT"));
            }
        }
        return List.copyOf(touched);
    }
}
