package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaSnapshot;
import io.rlstestkit.internal.migration.Scripts.Script;
import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * Migration hygiene: Flyway's validation of the migrations (names, duplicate versions, undo scripts without their
 * migration, and, against the history a snapshot file records, checksums and order), and the schema drift check
 * against a snapshot file kept in the project.
 */
@API(status = INTERNAL)
public final class SchemaChecks {

    private final MigrationSource source;
    private final ScratchDatabase.Source databases;

    public SchemaChecks(MigrationSource source, ScratchDatabase.Source databases) {
        this.source = source;
        this.databases = databases;
    }

    /**
     * A failed drift check: the message, and the snapshot's schema and the migrated one as text, for an IDE's diff.
     *
     * @param message  the failure message, one line per object that differs
     * @param expected the snapshot file's schema, as text
     * @param actual   the migrated schema, as text
     */
    public record Drift(String message, String expected, String actual) {
    }

    /**
     * Compares the schema the migrations build with a snapshot file; with {@code update}, writes the file instead.
     *
     * @return the drift, or empty where there is none (or the file was written)
     */
    public Optional<Drift> drift(Path file, boolean update) {
        Head head = databases.use(this::head);
        if (update) {
            write(head, file);
            return Optional.empty();
        }
        SnapshotFile recorded = existing(file, "assertMatchesSnapshot");
        List<String> lines = SnapshotDiff.drift(recorded.schema(), head.file().schema());
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        String versions = recorded.postgresVersion() != 0 && recorded.postgresVersion() != head.file().postgresVersion()
                ? "\n(The snapshot was written on PostgreSQL " + recorded.postgresVersion() + ", the schema is on "
                + head.file().postgresVersion() + ": some differences may be the server's.)" : "";
        return Optional.of(new Drift("\nExpecting the schema that the migrations at " + source.label()
                + " build to match the snapshot " + file + ",\nbut:\n  " + String.join("\n  ", lines) + versions
                + "\nIf the change is intended, regenerate the snapshot: run the test with -D" + SnapshotFile.UPDATE_KEY
                + "=true, and commit " + file + ".",
                SnapshotFile.renderSchema(recorded.schema()), SnapshotFile.renderSchema(head.file().schema())));
    }

    /**
     * Flyway's validation, with the undo scripts: every SQL file in the locations has a name Flyway recognizes, no
     * version has two migrations or two undo scripts, every undo script has its migration, the migrations apply and
     * validate on a new database; with a snapshot file, the migrations it records as applied are unchanged
     * (checksum, description), still there, and no new migration comes before the last of them.
     *
     * @param file   a snapshot file, or {@code null}
     * @param update whether to write the snapshot file rather than compare with it
     * @throws AssertionError listing every problem
     */
    public void assertValid(Path file, boolean update) {
        Layout layout = source.layout();
        if (layout.format() != MigrationFormat.FLYWAY) {
            throw new AssertionError("\nExpecting Flyway migrations for assertFlywayValid,\nbut the migrations at "
                    + layout.label() + " are " + layout.format().label() + "'s, which Flyway does not read.\nCheck"
                    + " them with assertEveryStepReversible and assertMatchesSnapshot instead.");
        }
        List<String> lines = new ArrayList<>();
        databases.use(database -> {
            Flyway flyway = source.flyway(database);
            Scripts scripts = Scripts.scan(source, flyway.getConfiguration());
            lines.addAll(names(scripts));
            if (!scripts.duplicateVersions().isEmpty()) {
                return null;
            }
            lines.addAll(orphans(scripts, flyway));
            try {
                flyway.migrate();
            } catch (FlywayException e) {
                lines.add(MigrationFailure.describe(e, "a migration"));
                return null;
            }
            ValidateResult result = flyway.validateWithResult();
            if (!result.validationSuccessful) {
                if (result.invalidMigrations == null || result.invalidMigrations.isEmpty()) {
                    lines.add("Flyway: " + (result.errorDetails == null ? "validation failed"
                            : result.errorDetails.errorMessage.strip()));
                }
                for (ValidateOutput invalid : result.invalidMigrations) {
                    lines.add(invalid.filepath + ": " + invalid.errorDetails.errorMessage.strip());
                }
            }
            if (file != null) {
                Head head = head(database, flyway);
                if (update) {
                    write(head, file);
                } else {
                    lines.addAll(history(existing(file, "assertFlywayValid"), head, flyway, file));
                }
            }
            return null;
        });
        if (!lines.isEmpty()) {
            throw new AssertionError("\nExpecting the migrations at " + source.label() + " to pass Flyway's validation"
                    + (file == null ? "" : " against the migrations " + file + " records as applied") + ",\nbut:\n  "
                    + String.join("\n  ", lines)
                    + (file == null ? "" : "\nIf no database has applied the recorded migrations, regenerate the"
                    + " snapshot: run the test with -D" + SnapshotFile.UPDATE_KEY + "=true."));
        }
    }

    /** Names Flyway ignores, and versions with two migrations or two undo scripts. */
    private static List<String> names(Scripts scripts) {
        List<String> lines = new ArrayList<>();
        for (Script script : scripts.of(ScriptName.Kind.UNRECOGNIZED)) {
            lines.add(script.fileName() + " (" + script.file().location() + "): Flyway ignores it, since "
                    + script.name().problem() + "; rename it (V<version>__<description>.sql) or move it elsewhere");
        }
        lines.addAll(scripts.duplicateVersions());
        return lines;
    }

    /** Undo scripts whose version no migration has (SQL or Java, as Flyway resolves them). */
    private static List<String> orphans(Scripts scripts, Flyway flyway) {
        List<MigrationVersion> versions = Arrays.stream(flyway.info().all())
                .filter(info -> info.isVersioned() && !info.getType().isSynthetic())
                .map(MigrationInfo::getVersion).toList();
        List<String> lines = new ArrayList<>();
        for (Script undo : scripts.of(ScriptName.Kind.UNDO)) {
            if (!versions.contains(undo.name().version())) {
                lines.add(undo.fileName() + ": undoes version " + undo.name().version() + ", but there is no"
                        + " migration of that version (V" + undo.fileName().substring(ScriptName.UNDO_PREFIX.length())
                        + "); remove it, or restore its migration");
            }
        }
        return lines;
    }

    /** The recorded history against the migrations found now, as Flyway's validate on a migrated database would. */
    private List<String> history(SnapshotFile recorded, Head head, Flyway flyway, Path file) {
        List<String> lines = new ArrayList<>();
        Map<String, SnapshotFile.AppliedMigration> now = new LinkedHashMap<>();
        head.file().history().forEach(migration -> now.put(migration.version(), migration));
        MigrationVersion last = null;
        for (SnapshotFile.AppliedMigration applied : recorded.history()) {
            MigrationVersion version = MigrationVersion.fromVersion(applied.version());
            last = last == null || version.compareTo(last) > 0 ? version : last;
            SnapshotFile.AppliedMigration found = now.get(version.getVersion());
            if (found == null) {
                lines.add("migration " + version + " (" + applied.script() + "): applied, as " + file + " records,"
                        + " but not found at " + source.label() + " any more (Flyway: Detected applied migration not"
                        + " resolved locally); restore it");
                continue;
            }
            if (applied.checksum() != null && !applied.checksum().equals(found.checksum())) {
                lines.add("migration " + version + " (" + found.script() + "): changed after it was applied: checksum "
                        + applied.checksum() + " in " + file + ", " + found.checksum() + " now (Flyway: Migration"
                        + " checksum mismatch); restore it, and put the change in a new migration");
            }
            if (applied.description() != null && !applied.description().equals(found.description())) {
                lines.add("migration " + version + " (" + found.script() + "): description \""
                        + applied.description() + "\" in " + file + ", \"" + found.description() + "\" now (Flyway:"
                        + " Migration description mismatch); restore its name");
            }
        }
        if (last != null && !flyway.getConfiguration().isOutOfOrder()) {
            List<String> recordedVersions = recorded.history().stream()
                    .map(migration -> MigrationVersion.fromVersion(migration.version()).getVersion()).toList();
            for (SnapshotFile.AppliedMigration migration : head.file().history()) {
                MigrationVersion version = MigrationVersion.fromVersion(migration.version());
                if (version.compareTo(last) < 0 && !recordedVersions.contains(version.getVersion())) {
                    lines.add("migration " + version + " (" + migration.script() + "): out of order: below version "
                            + last + ", the last that " + file + " records as applied, so a database at version "
                            + last + " will not apply it (Flyway: Detected resolved migration not applied to"
                            + " database); give it a version above " + last + ", or set flyway.outOfOrder=true");
                }
            }
        }
        return lines;
    }

    private static SnapshotFile existing(Path file, String assertion) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("\nExpecting a schema snapshot at " + file + " (working directory: "
                    + Path.of("").toAbsolutePath().getFileName() + ") for " + assertion + ",\nbut there is no such"
                    + " file.\nWrite it: run the test with -D" + SnapshotFile.UPDATE_KEY + "=true, and commit it.");
        }
        return SnapshotFile.read(file);
    }

    private void write(Head head, Path file) {
        head.file().write(file, source.label());
        System.out.println("rls-testkit: wrote the schema snapshot " + file.toAbsolutePath() + " ("
                + SnapshotFile.UPDATE_KEY + "=true)");
    }

    /** The migrations applied to head on a scratch database, and the schema they built. */
    private record Head(SnapshotFile file) {
    }

    private Head head(ScratchDatabase database) throws SQLException {
        Layout layout = source.layout();
        if (layout.format() != MigrationFormat.FLYWAY) {
            return toolHead(ToolSteps.of(layout, source.classLoader(), source.flywayProperties()), database);
        }
        Flyway flyway = source.flyway(database);
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw new AssertionError("\nExpecting the migrations at " + source.label() + " to apply,\nbut "
                    + MigrationFailure.describe(e, "a migration"));
        }
        return head(database, flyway);
    }

    private Head head(ScratchDatabase database, Flyway flyway) throws SQLException {
        try (Connection connection = database.connect()) {
            SchemaSnapshot schema = SchemaSnapshot.read(connection,
                    Exclusions.of(connection, new UndoRunner(flyway.getConfiguration())));
            List<SnapshotFile.AppliedMigration> history = Arrays.stream(flyway.info().applied())
                    .filter(info -> info.isVersioned() && !info.getType().isSynthetic())
                    .map(SchemaChecks::applied).collect(Collectors.toList());
            return new Head(new SnapshotFile(majorVersion(connection), history, schema));
        }
    }

    /** Another tool's migrations applied to head with the kit's history, and the schema they built. */
    private Head toolHead(ToolSteps steps, ScratchDatabase database) throws SQLException {
        try (Connection connection = database.connect()) {
            List<Migration> migrations = steps.migrations();
            try {
                steps.migrateTo(connection, migrations.size() - 1);
            } catch (KitHistory.Failure failure) {
                throw new AssertionError("\nExpecting the migrations at " + source.label() + " to apply,\nbut "
                        + failure.describe(""));
            }
            SchemaSnapshot schema = steps.snapshot(connection);
            List<SnapshotFile.AppliedMigration> history = migrations.stream().map(migration ->
                    new SnapshotFile.AppliedMigration(migration.version(), migration.description(), migration.file(),
                            null)).toList();
            return new Head(new SnapshotFile(majorVersion(connection), history, schema));
        }
    }

    private static SnapshotFile.AppliedMigration applied(MigrationInfo info) {
        return new SnapshotFile.AppliedMigration(info.getVersion().toString(), info.getDescription(),
                info.getScript(), info.getChecksum());
    }

    private static int majorVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            row.next();
            return row.getInt(1);
        }
    }
}
