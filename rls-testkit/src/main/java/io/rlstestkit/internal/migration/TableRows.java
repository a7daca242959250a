package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaObject;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import io.rlstestkit.internal.report.Plurals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of every table of a schema, each row as its text ({@code (1,free)}), for the round trip's data check:
 * rows present before a migration that only adds to the schema must still be there after its undo.
 */
final class TableRows {

    /** At most this many rows per table are compared. */
    static final int LIMIT = 10_000;

    private final Map<String, List<String>> rows;

    private TableRows(Map<String, List<String>> rows) {
        this.rows = rows;
    }

    /** The rows of the snapshot's tables (partitioned tables with their partitions, foreign tables left out). */
    static TableRows read(Connection connection, SchemaSnapshot snapshot) throws SQLException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : snapshot.tables()) {
                SchemaObject object = snapshot.get(table);
                if (object.attribute("partition of") != null || "foreign".equals(object.attribute("kind"))) {
                    continue;
                }
                String name = table.substring("table ".length());
                List<String> texts = new ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT t::text FROM " + name + " AS t ORDER BY 1 LIMIT "
                        + LIMIT)) {
                    while (result.next()) {
                        texts.add(result.getString(1));
                    }
                }
                rows.put(table, texts);
            }
        }
        return new TableRows(rows);
    }

    /** Whether any table has a row. */
    boolean any() {
        return rows.values().stream().anyMatch(texts -> !texts.isEmpty());
    }

    /**
     * For each table that has rows here and is still there later, the rows missing (or changed) later: one line per
     * table, {@code table public.plans: 2 of 2 rows missing after undo of version 2: (1,free), (2,pro)}.
     */
    List<String> missingIn(TableRows later, String step) {
        List<String> lines = new ArrayList<>();
        rows.forEach((table, before) -> {
            List<String> after = later.rows.get(table);
            if (after == null || before.isEmpty()) {
                return;
            }
            Map<String, Integer> left = new HashMap<>();
            after.forEach(row -> left.merge(row, 1, Integer::sum));
            List<String> missing = new ArrayList<>();
            for (String row : before) {
                if (left.merge(row, -1, Integer::sum) < 0) {
                    missing.add(row);
                }
            }
            if (!missing.isEmpty()) {
                String shown = String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                        + (missing.size() > 3 ? ", ..." : "");
                lines.add(table + ": " + missing.size() + " of " + Plurals.count(before.size(), "row")
                        + " missing or changed " + step
                        + ": " + shown);
            }
        });
        return lines;
    }
}
