package io.rlstestkit.internal.scope;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings and role that each scope's own statements changed ({@code set_config(...)}, {@code SET},
 * {@code SET ROLE}): session state, which stays in effect for that scope's later statements, as on a real
 * connection, even where the data its statement changed is rolled back, and which no other scope sees.
 *
 * <p>What a scope's statements changed is read from the connection (the {@code role}, the settings the kit
 * activates, the custom settings a statement names, and the built-in settings whose value differs from their
 * session default) before the kit leaves the scope or rolls back an assertion's savepoint; it is applied again, on
 * top of the scope, whenever the scope is made active. Not thread-safe: the test's transaction serialises use.
 */
final class SessionSettings {

    /** A custom setting's name as a statement writes it: two or more dotted parts, {@code app.bypass_rls}. */
    private static final Pattern CUSTOM_NAME = Pattern.compile(
            "(?<![A-Za-z0-9_$.\"])([A-Za-z_][A-Za-z0-9_$]*(?:\\.[A-Za-z_][A-Za-z0-9_$]*)+)");

    /** Settings the server changes itself, or that only the kit's activation sets. */
    private static final Set<String> NOT_CARRIED = Set.of("role", "session_authorization", "is_superuser",
            "transaction_isolation", "transaction_read_only", "transaction_deferrable");

    private final Set<String> activated;
    private final Set<String> watched = new LinkedHashSet<>();
    private final Map<String, String> baselines = new LinkedHashMap<>();
    private final Map<Scope, Map<String, String>> carried = new HashMap<>();

    /** @param activated the settings the kit's activation sets for every scope (not {@code role}) */
    SessionSettings(List<String> activated) {
        this.activated = new LinkedHashSet<>(activated);
    }

    /** Notes the custom settings a statement of a session names, so that a change to them is seen. */
    void watch(String sql) {
        Matcher names = CUSTOM_NAME.matcher(sql);
        while (names.find()) {
            String name = names.group(1).toLowerCase(Locale.ROOT);
            if (!activated.contains(name)) {
                watched.add(name);
            }
        }
    }

    /** What the scope's own statements changed, by setting name ({@code role} for its role). */
    Map<String, String> of(Scope scope) {
        return carried.getOrDefault(scope, Map.of());
    }

    /**
     * Sets, transaction-local, every setting some scope carries that the kit's activation does not set: the scope's
     * own value, or the session default. Runs as no role, so that any setting can be restored.
     */
    void applyOthers(Connection connection, Scope scope) throws SQLException {
        if (baselines.isEmpty()) {
            return;
        }
        Map<String, String> own = of(scope);
        StringBuilder sql = new StringBuilder("SELECT set_config('role', 'none', true)");
        baselines.keySet().forEach(name -> sql.append(", set_config(?, ?, true)"));
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Map.Entry<String, String> baseline : baselines.entrySet()) {
                statement.setString(index++, baseline.getKey());
                statement.setString(index++, own.getOrDefault(baseline.getKey(), baseline.getValue()));
            }
            statement.execute();
        }
    }

    /**
     * Reads what the scope's statements changed, against what activating the scope set ({@code activation}: the
     * role and the activated settings' values without anything carried), and keeps it for the scope.
     */
    void capture(Connection connection, Scope scope, Map<String, String> activation) throws SQLException {
        Map<String, String> changed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        names.add("role");
        names.addAll(activated);
        watched.stream().filter(name -> !names.contains(name)).forEach(names::add);
        baselines.keySet().stream().filter(name -> name.contains(".") && !names.contains(name)).forEach(names::add);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("current_setting(?, true)");
        }
        try (PreparedStatement read = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < names.size(); i++) {
                read.setString(i + 1, names.get(i));
            }
            try (ResultSet row = read.executeQuery()) {
                row.next();
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get(i);
                    String value = row.getString(i + 1) == null ? "" : row.getString(i + 1);
                    String expected = activation.getOrDefault(name, "");
                    if (!value.equals(expected)) {
                        changed.put(name, value);
                        if (!activation.containsKey(name)) {
                            baselines.putIfAbsent(name, "");
                        }
                    }
                }
            }
        }
        try (PreparedStatement read = connection.prepareStatement("SELECT name, setting, reset_val FROM pg_settings"
                + " WHERE source = 'session' AND setting IS DISTINCT FROM reset_val AND name <> ALL (?)")) {
            Set<String> skipped = new LinkedHashSet<>(NOT_CARRIED);
            skipped.addAll(activated);
            read.setArray(1, connection.createArrayOf("text", skipped.toArray()));
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    changed.put(rows.getString(1), rows.getString(2));
                    baselines.putIfAbsent(rows.getString(1), rows.getString(3));
                }
            }
        }
        if (changed.isEmpty()) {
            carried.remove(scope);
        } else {
            carried.put(scope, Map.copyOf(changed));
        }
    }
}
