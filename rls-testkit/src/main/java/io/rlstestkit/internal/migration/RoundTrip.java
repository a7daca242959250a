package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaObject;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateResult;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The migration round trip: for each version in order, on a scratch database, migrate up to it and take a snapshot,
 * run its undo script, compare with the snapshot before it, migrate it again, compare with the snapshot after it.
 * Every difference is collected, one line per object; a step that fails (an undo script, or the migration applied
 * again) ends the round trip there.
 */
@API(status = INTERNAL)
public final class RoundTrip {

    /**
     * What the round trip checks.
     *
     * @param startingAt   the first version whose undo is checked; versions below it need no undo script
     *                     ({@code null}: every version)
     * @param checkingData whether rows present before a version that only adds to the schema must survive its undo
     * @param dataBefore   SQL to run (as the migrating user) before a version is migrated, by version
     * @param ignoringColumnOrder whether differences in columns' positions alone are left out
     */
    public record Options(String startingAt, boolean checkingData, Map<String, List<String>> dataBefore,
                          boolean ignoringColumnOrder) {

        /** Options that report differences in columns' positions. */
        public Options(String startingAt, boolean checkingData, Map<String, List<String>> dataBefore) {
            this(startingAt, checkingData, dataBefore, false);
        }

        public Options {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            dataBefore.forEach((version, sql) -> copy.put(version, List.copyOf(sql)));
            dataBefore = Map.copyOf(copy);
        }
    }

    private final MigrationSource source;
    private final ScratchDatabase.Source databases;

    public RoundTrip(MigrationSource source, ScratchDatabase.Source databases) {
        this.source = source;
        this.databases = databases;
    }

    /**
     * Runs the round trip, with Flyway or, for another tool's migrations, with that tool's down scripts.
     *
     * @return where the tool's migrations have no down scripts, the sentence that says so: nothing was undone
     * @throws AssertionError listing every difference, a missing undo script, or the step that failed
     */
    public Optional<String> assertEveryStepReversible(Options options) {
        Layout layout = source.layout();
        if (layout.format() != MigrationFormat.FLYWAY) {
            return ToolRoundTrip.of(layout, source.classLoader(), source.flywayProperties(), databases).assertEveryStepReversible(options);
        }
        databases.use(database -> {
            try (Connection inspection = database.connect()) {
                new Run(database, inspection, options).run();
            }
            return null;
        });
        return Optional.empty();
    }

    /** Resolves a version the user wrote ({@code "3"}, {@code "1.1"}, {@code "1_1"}). */
    static MigrationVersion version(String text, String what) {
        try {
            return MigrationVersion.fromVersion(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Expecting " + what + " to be a Flyway version (\"3\", \"1.1\"), but"
                    + " it is \"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** The versioned migrations Flyway resolves, in order; repeatable migrations are refused. */
    static List<MigrationInfo> versioned(Flyway flyway, MigrationSource source) {
        MigrationInfo[] all;
        try {
            all = flyway.info().all();
        } catch (FlywayException e) {
            throw new AssertionError("\nExpecting Flyway to resolve the migrations at " + source.label()
                    + ",\nbut it failed: " + e.getMessage().strip());
        }
        List<MigrationInfo> repeatable = Arrays.stream(all).filter(MigrationInfo::isRepeatable).toList();
        if (!repeatable.isEmpty()) {
            throw new AssertionError("\nExpecting only versioned migrations at " + source.label()
                    + " for the round trip,\nbut there are repeatable migrations: " + repeatable.stream()
                    .map(MigrationInfo::getScript).collect(Collectors.joining(", "))
                    + ".\nFlyway applies them after every step, and no undo script can undo them; the round trip"
                    + " does not support them.");
        }
        return Arrays.stream(all).filter(info -> info.isVersioned() && !info.getType().isSynthetic()).toList();
    }

    /** One round trip on one scratch database. */
    private final class Run {
        private final ScratchDatabase database;
        private final Connection inspection;
        private final Options options;
        private final Flyway flyway;
        private final UndoRunner undo;
        private final List<String> lines = new ArrayList<>();
        private final List<String> reached = new ArrayList<>();
        private boolean rowsChecked;

        Run(ScratchDatabase database, Connection inspection, Options options) {
            this.database = database;
            this.inspection = inspection;
            this.options = options;
            this.flyway = source.flyway(database);
            this.undo = new UndoRunner(flyway.getConfiguration());
        }

        void run() throws SQLException {
            Scripts scripts = Scripts.scan(source, flyway.getConfiguration());
            List<String> duplicates = scripts.duplicateVersions();
            if (!duplicates.isEmpty()) {
                throw new AssertionError("\nExpecting one migration and at most one undo script per version at "
                        + source.label() + ",\nbut:\n  " + String.join("\n  ", duplicates));
            }
            List<MigrationInfo> versions = versioned(flyway, source);
            if (versions.isEmpty()) {
                throw new AssertionError("\nExpecting Flyway migrations (V<version>__<description>.sql) at "
                        + source.label() + ",\nbut Flyway found none there.");
            }
            MigrationVersion start = options.startingAt() == null ? versions.get(0).getVersion()
                    : version(options.startingAt(), "the round trip's first version");
            List<MigrationInfo> checked = versions.stream().filter(info -> info.getVersion().compareTo(start) >= 0)
                    .toList();
            if (checked.isEmpty()) {
                throw new AssertionError("\nExpecting migrations from version " + start + " on at " + source.label()
                        + ",\nbut the last is version " + versions.get(versions.size() - 1).getVersion()
                        + ". Fix startingAt(\"" + options.startingAt() + "\").");
            }
            Map<MigrationVersion, List<String>> data = dataBefore(versions, start);
            requireUndoScripts(checked, scripts, start);
            List<MigrationInfo> before = versions.stream().filter(info -> info.getVersion().compareTo(start) < 0)
                    .toList();
            if (!before.isEmpty()) {
                migrate(before.get(before.size() - 1), "to the version before " + start);
            }
            SchemaSnapshot previous = snapshot();
            for (MigrationInfo migration : checked) {
                SchemaSnapshot next = step(migration, previous, scripts, data.getOrDefault(migration.getVersion(),
                        List.of()));
                if (next == null) {
                    break;
                }
                previous = next;
            }
            List<String> positions = lines.stream().filter(SnapshotDiff::isColumnPosition).toList();
            lines.removeAll(positions);
            if (!options.ignoringColumnOrder()) {
                lines.addAll(positions);
            }
            if (lines.isEmpty()) {
                checkHistory();
            }
            if (options.checkingData() && !rowsChecked && lines.isEmpty()) {
                throw new AssertionError("\nExpecting rows to check after each undo (checkingData()),\nbut no table"
                        + " had a row before any version that only adds to the schema, so the data check proved"
                        + " nothing.\nGive it rows: withDataBefore(\"" + checked.get(checked.size() - 1).getVersion()
                        + "\", \"insert into ...\").");
            }
            if (!lines.isEmpty()) {
                throw new AssertionError("\nExpecting every migration at " + source.label() + " to be reversible: its"
                        + " undo script restores the schema before it, and migrating it again, the schema after it,"
                        + "\nbut:\n  " + listed(lines)
                        + "\nVersions checked: " + String.join(", ", reached)
                        + (reached.size() < checked.size() ? " (of " + checked.stream()
                        .map(info -> info.getVersion().toString()).collect(Collectors.joining(", ")) + ")" : "")
                        + ".");
            }
        }

        /** One version: migrate, undo, compare, migrate again, compare. The schema after it, or null to stop. */
        private SchemaSnapshot step(MigrationInfo migration, SchemaSnapshot previous, Scripts scripts,
                                    List<String> data) throws SQLException {
            String version = migration.getVersion().toString();
            reached.add(version);
            insertData(inspection, version, data);
            TableRows rowsBefore = options.checkingData() ? TableRows.read(inspection, previous) : null;
            if (!migrate(migration, null)) {
                return null;
            }
            SchemaSnapshot migrated = snapshot();
            Scripts.Script script = scripts.undo(migration.getVersion()).orElseThrow();
            try {
                undo.undo(database, migration.getVersion(), script.fileName(), scripts.read(script));
            } catch (UndoRunner.Failure failure) {
                lines.add(failure.getMessage() + "\n  (the round trip stopped at version " + version + ")");
                return null;
            }
            SchemaSnapshot undone = snapshot();
            lines.addAll(SnapshotDiff.afterUndo(previous, migrated, undone, version));
            if (rowsBefore != null && onlyAdds(previous, migrated)) {
                rowsChecked |= rowsBefore.any();
                lines.addAll(rowsBefore.missingIn(TableRows.read(inspection, undone), "after undo of version "
                        + version));
            }
            if (!migrate(migration, "again after its undo")) {
                return null;
            }
            SchemaSnapshot again = snapshot();
            lines.addAll(SnapshotDiff.afterRedo(migrated, again, version));
            return again;
        }

        /**
     * The differences one per line, those in columns' positions alone after the others, under a line of their own:
     * an undo script that drops a column and adds it back cannot restore its position.
     */
    static String listed(List<String> lines) {
        List<String> positions = lines.stream().filter(SnapshotDiff::isColumnPosition).toList();
        List<String> others = lines.stream().filter(line -> !SnapshotDiff.isColumnPosition(line)).toList();
        String apart = "only columns' positions differ (a column dropped and added back comes back last; where the"
                + " order of columns does not matter, ignoringColumnOrder() leaves these out):\n    "
                + String.join("\n    ", positions);
        if (positions.isEmpty()) {
            return String.join("\n  ", others);
        }
        return others.isEmpty() ? apart : String.join("\n  ", others) + "\n  and " + apart;
    }

    /** Migrates up to a version; on failure, records it and returns false. */
        private boolean migrate(MigrationInfo migration, String when) {
            try {
                source.flywayTo(database, migration.getVersion()).migrate();
                return true;
            } catch (FlywayException e) {
                if (when != null && when.startsWith("to the version")) {
                    throw new AssertionError("\nExpecting the migrations at " + source.label() + " to apply " + when
                            + ",\nbut " + MigrationFailure.describe(e, migration.getScript()));
                }
                lines.add(MigrationFailure.describe(e, migration.getScript(), when == null ? "" : " when migrated "
                        + when + ",") + "\n  (the round trip stopped at version " + migration.getVersion() + ")");
                return false;
            }
        }

        private Map<MigrationVersion, List<String>> dataBefore(List<MigrationInfo> versions, MigrationVersion start) {
            Map<MigrationVersion, List<String>> data = new LinkedHashMap<>();
            options.dataBefore().forEach((text, sql) -> {
                MigrationVersion version = version(text, "the version of withDataBefore");
                if (versions.stream().noneMatch(info -> info.getVersion().equals(version))) {
                    throw new AssertionError("\nExpecting withDataBefore(\"" + text + "\", ...) to name a version of"
                            + " the migrations at " + source.label() + ",\nbut there is no version " + version
                            + " (there are " + versions.stream().map(info -> info.getVersion().toString())
                            .collect(Collectors.joining(", ")) + ").");
                }
                if (version.compareTo(start) < 0) {
                    throw new AssertionError("\nExpecting withDataBefore(\"" + text + "\", ...) to name a version the"
                            + " round trip checks,\nbut it starts at version " + start + ".");
                }
                data.computeIfAbsent(version, key -> new ArrayList<>()).addAll(sql);
            });
            return data;
        }

        private void requireUndoScripts(List<MigrationInfo> checked, Scripts scripts, MigrationVersion start) {
            List<MigrationInfo> missing = checked.stream()
                    .filter(info -> scripts.undo(info.getVersion()).isEmpty()).toList();
            if (missing.isEmpty()) {
                return;
            }
            String from = options.startingAt() == null ? "" : " from version " + start + " on";
            StringBuilder message = new StringBuilder("\nExpecting an undo script beside every migration at ")
                    .append(source.label()).append(from).append(",\nbut ");
            if (missing.size() == 1) {
                MigrationInfo only = missing.get(0);
                message.append("version ").append(only.getVersion()).append(" (").append(only.getScript())
                        .append(") has none: add ").append(undoName(scripts, only)).append(" beside it.");
            } else {
                message.append("these versions have none:");
                for (MigrationInfo info : missing) {
                    message.append("\n  version ").append(info.getVersion()).append(" (").append(info.getScript())
                            .append("): add ").append(undoName(scripts, info));
                }
            }
            MigrationInfo last = missing.get(missing.size() - 1);
            List<MigrationInfo> after = checked.stream()
                    .filter(info -> info.getVersion().compareTo(last.getVersion()) > 0).toList();
            if (!after.isEmpty()) {
                message.append("\nIf versions up to ").append(last.getVersion()).append(" cannot be undone, start the"
                        + " round trip after them: roundTrip.startingAt(\"").append(after.get(0).getVersion())
                        .append("\").");
            }
            throw new AssertionError(message.toString());
        }

        private String undoName(Scripts scripts, MigrationInfo info) {
            String script = info.getScript();
            String fileName = script.substring(script.lastIndexOf('/') + 1);
            return scripts.undoNameOf(fileName);
        }

        /** After the round trip, Flyway's history must validate and hold every version, applied once. */
        private void checkHistory() {
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                lines.add("Flyway's schema history: " + (result.errorDetails == null ? "invalid"
                        : result.errorDetails.errorMessage.strip()));
            }
        }

        private SchemaSnapshot snapshot() throws SQLException {
            return SchemaSnapshot.read(inspection, Exclusions.of(inspection, undo));
        }
    }

    /** Whether a migration only added to the schema: every table and column before it is there after it, unchanged. */
    static boolean onlyAdds(SchemaSnapshot before, SchemaSnapshot after) {
        for (SchemaObject object : before.objects().values()) {
            if (object.kind().equals("table") || object.kind().equals("column")) {
                SchemaObject later = after.get(object.key());
                if (later == null || !java.util.Objects.equals(object.attribute("type"), later.attribute("type"))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs the data statements given for a version, before it is migrated; a failing one fails the round trip. */
    static void insertData(Connection inspection, String version, List<String> data) throws SQLException {
        for (String sql : data) {
            try (Statement statement = inspection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new AssertionError("\nExpecting the data given for version " + version + " to insert,\nbut"
                        + " it failed: " + e.getMessage().strip() + "\n  statement: " + SqlScript.abbreviate(sql));
            }
        }
    }
}
