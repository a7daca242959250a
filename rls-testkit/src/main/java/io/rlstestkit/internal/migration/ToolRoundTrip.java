package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaSnapshot;
import io.rlstestkit.internal.report.Plurals;
import org.apiguardian.api.API;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The round trip of a tool other than Flyway: for each migration in the tool's order, on a scratch database, migrate
 * up to it, run its down script, compare, migrate it again, compare, as {@link RoundTrip} does for Flyway. Where the
 * tool has no down scripts, the migrations are applied one by one and the round trip says that there was nothing to
 * undo, and fails if the configuration asked for undo checks.
 */
@API(status = INTERNAL)
public final class ToolRoundTrip {

    private final String label;
    private final ToolSteps steps;
    private final ScratchDatabase.Source databases;

    ToolRoundTrip(String label, ToolSteps steps, ScratchDatabase.Source databases) {
        this.label = label;
        this.steps = steps;
        this.databases = databases;
    }

    /** The round trip of a tool's migrations. */
    public static ToolRoundTrip of(Layout layout, ClassLoader classLoader, Map<String, String> flywayProperties,
                                   ScratchDatabase.Source databases) {
        return new ToolRoundTrip(layout.label(), ToolSteps.of(layout, classLoader, flywayProperties), databases);
    }

    /**
     * Runs the round trip.
     *
     * @return where the tool's migrations have no down scripts, the sentence that says so: nothing was undone
     * @throws AssertionError listing every difference, a missing down script, the step that failed, or, where the
     *                        options ask for undo checks, that there are no down scripts
     */
    public Optional<String> assertEveryStepReversible(RoundTrip.Options options) {
        return databases.use(database -> {
            try (Connection inspection = database.connect(); Connection migrating = database.connect()) {
                return new Run(inspection, migrating, options).run();
            }
        });
    }

    /** One round trip on one scratch database. */
    private final class Run {
        private final Connection inspection;
        private final Connection migrating;
        private final RoundTrip.Options options;
        private final List<Migration> migrations = steps.migrations();
        private final List<String> lines = new ArrayList<>();
        private final List<String> reached = new ArrayList<>();
        private boolean rowsChecked;

        Run(Connection inspection, Connection migrating, RoundTrip.Options options) {
            this.inspection = inspection;
            this.migrating = migrating;
            this.options = options;
        }

        Optional<String> run() throws SQLException {
            int start = options.startingAt() == null ? 0 : start(options.startingAt());
            List<Migration> checked = migrations.subList(start, migrations.size());
            if (!hasDownScripts()) {
                return nothingToUndo();
            }
            requireDownScripts(checked);
            Map<Integer, List<String>> data = dataBefore(start);
            if (start > 0) {
                migrate(start - 1, "to the version before " + migrations.get(start).version());
            }
            SchemaSnapshot previous = snapshot();
            for (int index = start; index < migrations.size(); index++) {
                SchemaSnapshot next = step(index, previous, data.getOrDefault(index, List.of()));
                if (next == null) {
                    break;
                }
                previous = next;
            }
            if (lines.isEmpty()) {
                checkHistory();
            }
            if (options.checkingData() && !rowsChecked && lines.isEmpty()) {
                throw new AssertionError("\nExpecting rows to check after each undo (checkingData()),\nbut no table"
                        + " had a row before any version that only adds to the schema, so the data check proved"
                        + " nothing.\nGive it rows: withDataBefore(\"" + checked.get(checked.size() - 1).version()
                        + "\", \"insert into ...\").");
            }
            if (!lines.isEmpty()) {
                throw new AssertionError("\nExpecting every migration at " + label + " to be reversible: its down"
                        + " script restores the schema before it, and migrating it again, the schema after it,"
                        + "\nbut:\n  " + String.join("\n  ", lines)
                        + "\nVersions checked: " + String.join(", ", reached)
                        + (reached.size() < checked.size() ? " (of " + checked.stream().map(Migration::version)
                        .collect(Collectors.joining(", ")) + ")" : "") + ".");
            }
            return Optional.empty();
        }

        private boolean hasDownScripts() {
            return steps.format().hasDownScripts() && (steps.format() != MigrationFormat.SQL_FOLDER
                    || migrations.stream().anyMatch(migration -> migration.down() != null));
        }

        /** Applies the migrations one by one; says there was nothing to undo, or fails where undo was asked for. */
        private Optional<String> nothingToUndo() throws SQLException {
            for (int index = 0; index < migrations.size(); index++) {
                migrate(index, "one by one");
            }
            String none = steps.format().label() + " migrations have no down scripts: nothing to undo"
                    + (steps.format() == MigrationFormat.SQL_FOLDER ? " (a folder of plain SQL files has down scripts"
                    + " in revert/ beside deploy/, or down/ beside up/)" : "");
            List<String> asked = new ArrayList<>();
            if (options.startingAt() != null) {
                asked.add("startingAt(\"" + options.startingAt() + "\")");
            }
            if (options.checkingData()) {
                asked.add("a data check");
            }
            if (!asked.isEmpty()) {
                throw new AssertionError("\nExpecting down scripts to undo the migrations at " + label + " ("
                        + String.join(", ", asked) + " asks for undo checks),\nbut " + none + ".\nThe "
                        + Plurals.count(migrations.size(), "migration") + " applied one by one; drop the undo checks, or"
                        + " check the migrations' undo where the project keeps it.");
            }
            return Optional.of(none + ": the " + Plurals.count(migrations.size(), "migration") + " at " + label
                    + " applied one by"
                    + " one, and none was undone.");
        }

        /** The index of the first version checked: the version named, or the first above it. */
        private int start(String text) {
            for (int index = 0; index < migrations.size(); index++) {
                Migration migration = migrations.get(index);
                if (migration.isVersion(text) || text.strip().matches("\\d+") && migration.version().matches("\\d+")
                        && new BigInteger(migration.version()).compareTo(new BigInteger(text.strip())) >= 0) {
                    return index;
                }
            }
            throw new AssertionError("\nExpecting migrations from version " + text.strip() + " on at " + label
                    + ",\nbut there is none (the versions are " + versions(migrations) + "). Fix startingAt(\""
                    + text + "\").");
        }

        private void requireDownScripts(List<Migration> checked) {
            List<Migration> missing = checked.stream().filter(migration -> migration.down() == null).toList();
            if (missing.isEmpty()) {
                return;
            }
            String from = options.startingAt() == null ? "" : " from version " + checked.get(0).version() + " on";
            StringBuilder message = new StringBuilder("\nExpecting a down script for every migration at ")
                    .append(label).append(from).append(",\nbut ");
            if (missing.size() == 1) {
                Migration only = missing.get(0);
                message.append("version ").append(only.version()).append(" (").append(only.file())
                        .append(") has none: ").append(only.addDown()).append('.');
            } else {
                message.append("these versions have none:");
                for (Migration migration : missing) {
                    message.append("\n  version ").append(migration.version()).append(" (").append(migration.file())
                            .append("): ").append(migration.addDown());
                }
            }
            int last = migrations.indexOf(missing.get(missing.size() - 1));
            if (last + 1 < migrations.size()) {
                message.append("\nIf versions up to ").append(missing.get(missing.size() - 1).version())
                        .append(" cannot be undone, start the round trip after them: roundTrip.startingAt(\"")
                        .append(migrations.get(last + 1).version()).append("\").");
            }
            throw new AssertionError(message.toString());
        }

        /** One version: migrate, undo, compare, migrate again, compare. The schema after it, or null to stop. */
        private SchemaSnapshot step(int index, SchemaSnapshot previous, List<String> data) throws SQLException {
            Migration migration = migrations.get(index);
            String version = migration.version();
            reached.add(version);
            RoundTrip.insertData(inspection, version, data);
            TableRows rowsBefore = options.checkingData() ? TableRows.read(inspection, previous) : null;
            if (!migrate(index, null)) {
                return null;
            }
            SchemaSnapshot migrated = snapshot();
            try {
                steps.undo(migrating, index);
            } catch (KitHistory.Failure failure) {
                lines.add(failure.describe("") + "\n  (the round trip stopped at version " + version + ")");
                return null;
            }
            SchemaSnapshot undone = snapshot();
            lines.addAll(SnapshotDiff.afterUndo(previous, migrated, undone, version));
            if (rowsBefore != null && RoundTrip.onlyAdds(previous, migrated)) {
                rowsChecked |= rowsBefore.any();
                lines.addAll(rowsBefore.missingIn(TableRows.read(inspection, undone), "after undo of version "
                        + version));
            }
            if (!migrate(index, "again after its undo")) {
                return null;
            }
            SchemaSnapshot again = snapshot();
            lines.addAll(SnapshotDiff.afterRedo(migrated, again, version));
            return again;
        }

        /** Migrates up to a version; on failure, records it and returns false (or fails, before the checks). */
        private boolean migrate(int index, String when) throws SQLException {
            try {
                steps.migrateTo(migrating, index);
                return true;
            } catch (KitHistory.Failure failure) {
                if (when != null && !when.startsWith("again")) {
                    throw new AssertionError("\nExpecting the migrations at " + label + " to apply " + when
                            + ",\nbut " + failure.describe(""));
                }
                lines.add(failure.describe(when == null ? "" : " when migrated " + when + ",")
                        + "\n  (the round trip stopped at version " + migrations.get(index).version() + ")");
                return false;
            }
        }

        private Map<Integer, List<String>> dataBefore(int start) {
            Map<Integer, List<String>> data = new LinkedHashMap<>();
            options.dataBefore().forEach((text, sql) -> {
                int index = -1;
                for (int i = 0; i < migrations.size() && index < 0; i++) {
                    index = migrations.get(i).isVersion(text) ? i : -1;
                }
                if (index < 0) {
                    throw new AssertionError("\nExpecting withDataBefore(\"" + text + "\", ...) to name a version of"
                            + " the migrations at " + label + ",\nbut there is no version " + text.strip()
                            + " (there are " + versions(migrations) + ").");
                }
                if (index < start) {
                    throw new AssertionError("\nExpecting withDataBefore(\"" + text + "\", ...) to name a version the"
                            + " round trip checks,\nbut it starts at version " + migrations.get(start).version() + ".");
                }
                data.computeIfAbsent(index, key -> new ArrayList<>()).addAll(sql);
            });
            return data;
        }

        /** After the round trip, the tool's history must hold every version, once, in order. */
        private void checkHistory() throws SQLException {
            List<String> applied = steps.applied(migrating);
            List<String> expected = migrations.stream().map(Migration::version).toList();
            if (!applied.equals(expected)) {
                lines.add(steps.historyLabel() + ": holds versions " + String.join(", ", applied)
                        + " after the round trip, not " + String.join(", ", expected));
            }
        }

        private SchemaSnapshot snapshot() throws SQLException {
            return steps.snapshot(inspection);
        }
    }

    private static String versions(List<Migration> migrations) {
        return migrations.stream().map(Migration::version).collect(Collectors.joining(", "));
    }
}
