package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Which tool's migrations a configuration's locations hold: named by a prefix ({@code golang-migrate:db/migrations},
 * {@code supabase:filesystem:supabase}), or detected from the file names; Flyway where nothing else is found.
 *
 * @param format    the tool
 * @param locations the locations without the tool's prefix, as Flyway writes them ({@code classpath:db/migrations},
 *                  {@code filesystem:db/migrations}; no prefix is the class path)
 * @param folders   the tools' folders, one per location, for tools other than Flyway and Liquibase (empty
 *                  otherwise)
 */
@API(status = INTERNAL)
public record Layout(MigrationFormat format, List<String> locations, List<Folder> folders) {

    public Layout {
        locations = List.copyOf(locations);
        folders = List.copyOf(folders);
    }


    private static final Pattern PREFIX = Pattern.compile("([A-Za-z][A-Za-z0-9-]*):(.*)", Pattern.DOTALL);
    private static final List<String> LOCATION_PREFIXES = List.of("classpath", "filesystem");
    private static final Pattern DIGITS_NAME = Pattern.compile("[0-9]+_.*\\.sql");
    private static final Pattern FLYWAY_NAME = Pattern.compile("[VUR][^/]*__[^/]*\\.sql");
    private static final Pattern GOLANG_MIGRATE = Pattern.compile("[0-9]+_.*\\.(up|down)\\.sql");
    private static final Pattern PRISMA = Pattern.compile("[0-9]+[^/]*/migration\\.sql");
    private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^--\\s*migrate:up\\b");

    /** The layout of a configuration's locations. */
    public static Layout of(List<String> locations, ClassLoader classLoader) {
        List<MigrationFormat> named = new ArrayList<>();
        List<String> stripped = new ArrayList<>();
        for (String location : locations) {
            Matcher prefix = PREFIX.matcher(location.strip());
            if (prefix.matches() && !LOCATION_PREFIXES.contains(prefix.group(1))) {
                MigrationFormat format = MigrationFormat.ofPrefix(prefix.group(1)).orElseThrow(() -> new KitException(
                        "Expecting a migration location such as classpath:db/migration or filesystem:db/migration,"
                                + " or one that names its tool (" + MigrationFormat.allPrefixes() + "), but \""
                                + location + "\" starts with " + prefix.group(1) + ":, which names none of them.\n"
                                + "Use one of those prefixes, or none to let the kit tell the tool from the file"
                                + " names."));
                named.add(format);
                stripped.add(prefix.group(2));
            } else {
                named.add(null);
                stripped.add(location.strip());
            }
        }
        List<MigrationFormat> formats = new ArrayList<>();
        for (int i = 0; i < stripped.size(); i++) {
            formats.add(named.get(i) != null ? named.get(i) : detect(stripped.get(i), classLoader));
        }
        if (formats.stream().allMatch(format -> format == MigrationFormat.FLYWAY)) {
            return new Layout(MigrationFormat.FLYWAY, stripped, List.of());
        }
        if (formats.contains(MigrationFormat.LIQUIBASE) && locations.size() > 1) {
            throw new KitException("Expecting one Liquibase changelog, but there are " + locations.size()
                    + " locations: " + String.join(", ", locations) + ".\nPoint the configuration at the master"
                    + " changelog, and include the others from it.");
        }
        if (formats.contains(MigrationFormat.FLYWAY)) {
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < locations.size(); i++) {
                kinds.add(locations.get(i) + " (" + formats.get(i).label() + ")");
            }
            throw new KitException("Expecting the locations to hold either Flyway's migrations or other tools'"
                    + " folders, but they mix them: " + String.join(", ", kinds) + ".\nThe kit applies Flyway's"
                    + " locations with Flyway, and other tools' folders one after the other with its own history;"
                    + " write the extra migrations as the project's tool writes them, or as a plain SQL folder (sql:).");
        }
        if (formats.get(0) == MigrationFormat.LIQUIBASE) {
            return new Layout(MigrationFormat.LIQUIBASE, List.of(stripped.get(0)), List.of());
        }
        List<Folder> folders = new ArrayList<>();
        for (int i = 0; i < stripped.size(); i++) {
            MigrationFormat format = formats.get(i);
            String location = stripped.get(i);
            FolderFiles files = FolderFiles.at(location, classLoader).orElseThrow(() -> missing(format, location));
            if (isProjectFolder(format, files)) {
                String child = files.child("migrations");
                files = FolderFiles.at(child, classLoader).orElseThrow(() -> missing(format, child));
            }
            folders.add(new Folder(format, files));
        }
        return new Layout(formats.get(0), folders.stream().map(folder -> folder.files().location()).toList(),
                folders);
    }

    /**
     * Whether a Supabase or Prisma location is the project's folder ({@code supabase/}, with its {@code seed.sql}
     * and {@code config.toml}) rather than its {@code migrations} folder.
     */
    private static boolean isProjectFolder(MigrationFormat format, FolderFiles files) {
        boolean migrationsFolder = files.paths().stream().anyMatch(path -> path.startsWith("migrations/"));
        if (format == MigrationFormat.SUPABASE) {
            return migrationsFolder && files.paths().stream()
                    .noneMatch(path -> !path.contains("/") && DIGITS_NAME.matcher(path).matches());
        }
        return format == MigrationFormat.PRISMA && migrationsFolder
                && files.paths().stream().noneMatch(path -> PRISMA.matcher(path).matches());
    }

    private static KitException missing(MigrationFormat format, String location) {
        return new KitException("Expecting " + format.label() + " migrations at " + location + ", but that location"
                + " does not exist " + (location.startsWith("filesystem:") ? "(working directory: "
                + Path.of("").toAbsolutePath().getFileName() + ")" : "on the test class path") + ".\nPoint"
                + " @RlsTest(migrations = ...) or rlstestkit.migrations at the folder that holds them.");
    }

    /** The tool whose names the files at a location follow; Flyway where none is recognized. */
    private static MigrationFormat detect(String location, ClassLoader classLoader) {
        Optional<FolderFiles> found = FolderFiles.at(location, classLoader);
        if (found.isEmpty()) {
            return MigrationFormat.FLYWAY;
        }
        FolderFiles files = found.get();
        Map<MigrationFormat, String> seen = new LinkedHashMap<>();
        for (String path : files.paths()) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (path.equals("meta/_journal.json")) {
                seen.putIfAbsent(MigrationFormat.DRIZZLE, path);
            } else if (FLYWAY_NAME.matcher(name).matches()) {
                seen.putIfAbsent(MigrationFormat.FLYWAY, path);
            } else if (PRISMA.matcher(path).matches()) {
                seen.putIfAbsent(MigrationFormat.PRISMA, path);
            } else if (!path.contains("/") && GOLANG_MIGRATE.matcher(path).matches()) {
                seen.putIfAbsent(MigrationFormat.GOLANG_MIGRATE, path);
            } else if (!path.contains("/") && DIGITS_NAME.matcher(path).matches()) {
                seen.putIfAbsent(DBMATE_MARKER.matcher(files.read(path)).find() ? MigrationFormat.DBMATE
                        : MigrationFormat.SUPABASE, path);
            }
        }
        if (seen.containsKey(MigrationFormat.DRIZZLE)) {
            seen.keySet().removeIf(format -> format != MigrationFormat.DRIZZLE && format != MigrationFormat.FLYWAY);
        }
        if (seen.containsKey(MigrationFormat.DBMATE)) {
            seen.remove(MigrationFormat.SUPABASE);
        }
        if (seen.size() > 1) {
            List<String> kinds = new ArrayList<>();
            seen.forEach((format, path) -> kinds.add(format.label() + " (" + path + ")"));
            throw new KitException("Expecting the migrations at " + location + " to be laid out as one tool lays"
                    + " them out, but the folder holds files of " + String.join(" and ", kinds) + ".\nMove the files"
                    + " of one tool elsewhere, or name the tool with a prefix: "
                    + String.join(" or ", seen.keySet().stream().map(format -> format.prefix() + ":" + location)
                    .toList()) + ".");
        }
        return seen.isEmpty() ? MigrationFormat.FLYWAY : seen.keySet().iterator().next();
    }

    /**
     * A tool's folder.
     *
     * @param format the tool
     * @param files  its files
     */
    public record Folder(MigrationFormat format, FolderFiles files) {
    }

    /**
     * The migrations of the tools' folders: each folder's in its tool's order, the folders one after the other
     * (a broken variant's folder after the project's).
     */
    public List<Migration> migrations() {
        List<Migration> migrations = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (Folder folder : folders) {
            for (Migration migration : new FolderReader(folder.files()).read(folder.format())) {
                String other = seen.putIfAbsent(migration.version().replaceFirst("^0+(?=\\d)", ""),
                        migration.file() + " (" + folder.files().location() + ")");
                if (other != null) {
                    throw new KitException("Expecting one migration per version across " + label() + ", but"
                            + " version " + migration.version() + " has two: " + other + " and " + migration.file()
                            + " (" + folder.files().location() + ").\nGive each its own version.");
                }
                migrations.add(migration);
            }
        }
        return migrations;
    }

    /** The location, for messages. */
    public String label() {
        return String.join(", ", locations);
    }
}
