package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.migration.MigrationFiles.MigrationFile;
import org.apiguardian.api.API;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The SQL files of a configuration's locations, each with what its name makes it: versioned migrations, undo
 * scripts ({@code U<version>__<description>.sql}, beside the {@code V} scripts), repeatable migrations, callbacks,
 * and names Flyway ignores.
 */
@API(status = INTERNAL)
public final class Scripts {

    /**
     * A file and what its name makes it.
     *
     * @param file the file
     * @param name its name, read by Flyway's conventions
     */
    public record Script(MigrationFile file, ScriptName name) {

        /** Its file name. */
        public String fileName() {
            return file.name();
        }
    }

    private final List<Script> scripts;
    private final Configuration configuration;

    private Scripts(List<Script> scripts, Configuration configuration) {
        this.scripts = scripts;
        this.configuration = configuration;
    }

    /** The SQL files of the locations, read with the conventions of a Flyway configuration. */
    public static Scripts scan(MigrationSource source, Configuration configuration) {
        List<MigrationFile> files = MigrationFiles.scan(source.flywayLocations(), source.classLoader(),
                Arrays.asList(configuration.getSqlMigrationSuffixes()));
        return new Scripts(files.stream().map(file -> new Script(file, ScriptName.parse(file.name(), configuration)))
                .toList(), configuration);
    }

    /** Every file, by location and path. */
    public List<Script> all() {
        return scripts;
    }

    /** The files of one kind. */
    public List<Script> of(ScriptName.Kind kind) {
        return scripts.stream().filter(script -> script.name().kind() == kind).toList();
    }

    /** The undo scripts of a version (more than one is a mistake that validation reports). */
    public List<Script> undoOf(MigrationVersion version) {
        return of(ScriptName.Kind.UNDO).stream().filter(script -> script.name().version().equals(version)).toList();
    }

    /** The undo script of a version, if there is one. */
    public Optional<Script> undo(MigrationVersion version) {
        return undoOf(version).stream().findFirst();
    }

    /**
     * The versions with more than one migration, or more than one undo script, one line each:
     * {@code version 2: more than one migration: V2__notes.sql (classpath:db/migration), V2__tags.sql (...)}.
     */
    public List<String> duplicateVersions() {
        List<String> lines = new ArrayList<>();
        lines.addAll(duplicates(of(ScriptName.Kind.VERSIONED), "migration"));
        lines.addAll(duplicates(of(ScriptName.Kind.UNDO), "undo script"));
        return lines;
    }

    private static List<String> duplicates(List<Script> scripts, String what) {
        Map<MigrationVersion, List<String>> byVersion = new LinkedHashMap<>();
        scripts.forEach(script -> byVersion.computeIfAbsent(script.name().version(), key -> new ArrayList<>())
                .add(script.fileName() + " (" + script.file().location() + ")"));
        List<String> lines = new ArrayList<>();
        byVersion.forEach((version, files) -> {
            if (files.size() > 1) {
                lines.add("version " + version + ": more than one " + what + ": " + String.join(", ", files)
                        + (what.equals("migration") ? "; Flyway refuses to migrate" : "")
                        + "; give each its own version");
            }
        });
        return lines;
    }

    /** A script's text, in the configuration's encoding. */
    public String read(Script script) {
        return script.file().read(configuration.getEncoding());
    }

    /**
     * The name the undo script of a versioned migration would have: {@code V3__policies.sql} gives
     * {@code U3__policies.sql}.
     */
    public String undoNameOf(String versionedFileName) {
        return ScriptName.UNDO_PREFIX + versionedFileName.substring(configuration.getSqlMigrationPrefix().length());
    }
}
