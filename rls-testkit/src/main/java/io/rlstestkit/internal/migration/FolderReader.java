package io.rlstestkit.internal.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.migration.Migration.Sql;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a tool's migration folder as the tool reads it: which files are migrations, in which order, and which SQL
 * undoes each. The rules of each tool are in README's table of migration sources.
 */
final class FolderReader {

    private static final Pattern GOLANG_MIGRATE = Pattern.compile("([0-9]+)_(.*)\\.(up|down)\\.sql");
    private static final Pattern DIGITS_NAME = Pattern.compile("([0-9]+)_?(.*)\\.sql");
    private static final Pattern SUPABASE = Pattern.compile("([0-9]+)_(.*)\\.sql");
    private static final Pattern PRISMA = Pattern.compile("(([0-9]+)_?[^/]*)/migration\\.sql");
    private static final Pattern DBMATE_MARKER = Pattern.compile("(?m)^--\\s*migrate:(up|down)\\b(.*)$");
    private static final Pattern LEADING_DIGITS = Pattern.compile("^([0-9]+)[_-]?(.*)$");
    private static final List<List<String>> UP_DOWN_FOLDERS = List.of(List.of("deploy", "revert"),
            List.of("up", "down"), List.of("upgrade", "downgrade"));

    private final FolderFiles files;

    FolderReader(FolderFiles files) {
        this.files = files;
    }

    /** The migrations of a folder laid out as a tool lays them out, in the tool's order. */
    List<Migration> read(MigrationFormat format) {
        List<Migration> migrations = switch (format) {
            case GOLANG_MIGRATE -> golangMigrate();
            case DBMATE -> dbmate();
            case SUPABASE -> supabase();
            case PRISMA -> prisma();
            case DRIZZLE -> drizzle();
            case SQL_FOLDER -> sqlFolder();
            case FLYWAY, LIQUIBASE -> throw new IllegalArgumentException(format + " reads its own files");
        };
        requireDistinctVersions(format, migrations);
        return migrations;
    }

    /** Top-level {@code .sql} files (not in a sub-folder). */
    private List<String> topLevelSql() {
        return files.paths().stream().filter(path -> !path.contains("/") && path.endsWith(".sql")).toList();
    }

    private List<Migration> golangMigrate() {
        Map<String, String[]> byVersion = new LinkedHashMap<>();
        for (String path : topLevelSql()) {
            Matcher name = GOLANG_MIGRATE.matcher(path);
            if (!name.matches()) {
                throw notNamed(MigrationFormat.GOLANG_MIGRATE, path);
            }
            String[] pair = byVersion.computeIfAbsent(name.group(1), key -> new String[2]);
            int slot = name.group(3).equals("up") ? 0 : 1;
            if (pair[slot] != null) {
                throw new KitException("Expecting one " + name.group(3) + " script per version at "
                        + files.location() + ", but version " + name.group(1) + " has two: " + pair[slot] + " and "
                        + path + ".\nGive each its own version.");
            }
            pair[slot] = path;
        }
        List<Migration> migrations = new ArrayList<>();
        byVersion.forEach((version, pair) -> {
            if (pair[0] == null) {
                throw new KitException("Expecting an up script beside " + pair[1] + " at " + files.location()
                        + ", but there is none.\nAdd " + pair[1].replace(".down.sql", ".up.sql")
                        + ", or remove the down script.");
            }
            Matcher name = GOLANG_MIGRATE.matcher(pair[0]);
            name.matches();
            migrations.add(new Migration(version, name.group(2), Sql.of(pair[0], files.read(pair[0])),
                    pair[1] == null ? null : Sql.of(pair[1], files.read(pair[1])), true,
                    "add " + pair[0].replace(".up.sql", ".down.sql") + " beside it"));
        });
        migrations.sort(Comparator.comparing(migration -> new BigInteger(migration.version())));
        return migrations;
    }

    private List<Migration> dbmate() {
        List<Migration> migrations = new ArrayList<>();
        for (String path : topLevelSql()) {
            Matcher name = DIGITS_NAME.matcher(path);
            if (!name.matches()) {
                throw notNamed(MigrationFormat.DBMATE, path);
            }
            migrations.add(dbmateFile(path, name.group(1), name.group(2), files.read(path)));
        }
        migrations.sort(Comparator.comparing((Migration migration) -> new BigInteger(migration.version()))
                .thenComparing(Migration::file));
        return migrations;
    }

    private Migration dbmateFile(String path, String version, String description, String text) {
        Matcher marker = DBMATE_MARKER.matcher(text);
        Sql up = null;
        Sql down = null;
        boolean transactional = true;
        List<int[]> sections = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> options = new ArrayList<>();
        while (marker.find()) {
            sections.add(new int[] {marker.start(), marker.end()});
            kinds.add(marker.group(1));
            options.add(marker.group(2));
        }
        if (!kinds.contains("up")) {
            throw new KitException("Expecting a -- migrate:up section in the dbmate migration " + path + " at "
                    + files.location() + ", but there is none.\nStart the migration's SQL with a line -- migrate:up"
                    + " (and its undo with -- migrate:down).");
        }
        for (int i = 0; i < sections.size(); i++) {
            int start = sections.get(i)[1];
            int end = i + 1 < sections.size() ? sections.get(i + 1)[0] : text.length();
            int line = (int) text.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
            Sql sql = new Sql(path, text.substring(start, end), line, false);
            if (kinds.get(i).equals("up")) {
                up = sql;
                transactional = !options.get(i).contains("transaction:false");
            } else if (!sql.text().isBlank()) {
                down = sql;
            }
        }
        return new Migration(version, description, up, down, transactional,
                "add a -- migrate:down section to " + path);
    }

    private List<Migration> supabase() {
        List<Migration> migrations = new ArrayList<>();
        for (String path : topLevelSql()) {
            Matcher name = SUPABASE.matcher(path);
            if (!name.matches()) {
                throw notNamed(MigrationFormat.SUPABASE, path);
            }
            migrations.add(new Migration(name.group(1), name.group(2), Sql.of(path, files.read(path)), null, true,
                    null));
        }
        migrations.sort(Comparator.comparing(Migration::file));
        return migrations;
    }

    private List<Migration> prisma() {
        List<Migration> migrations = new ArrayList<>();
        for (String path : files.paths()) {
            Matcher name = PRISMA.matcher(path);
            if (name.matches()) {
                Matcher described = LEADING_DIGITS.matcher(name.group(1));
                described.matches();
                migrations.add(new Migration(name.group(2), described.group(2), Sql.of(path, files.read(path)),
                        null, true, null));
            } else if (path.endsWith(".sql")) {
                throw notNamed(MigrationFormat.PRISMA, path);
            }
        }
        migrations.sort(Comparator.comparing(Migration::file));
        return migrations;
    }

    private List<Migration> drizzle() {
        String journal = "meta/_journal.json";
        if (!files.has(journal)) {
            throw new KitException("Expecting Drizzle's journal " + journal + " at " + files.location()
                    + ", but there is none.\nPoint the location at the folder drizzle-kit generates into (its out"
                    + " folder, with meta/_journal.json).");
        }
        JsonNode entries;
        try {
            entries = new ObjectMapper().readTree(files.read(journal)).path("entries");
        } catch (JsonProcessingException e) {
            throw new KitException("Expecting Drizzle's journal " + journal + " at " + files.location()
                    + " to be JSON, but it is not: " + e.getOriginalMessage(), e);
        }
        if (!entries.isArray()) {
            throw new KitException("Expecting an \"entries\" array in Drizzle's journal " + journal + " at "
                    + files.location() + ", but there is none.");
        }
        List<JsonNode> ordered = new ArrayList<>();
        entries.forEach(ordered::add);
        ordered.sort(Comparator.comparingInt(entry -> entry.path("idx").asInt()));
        List<Migration> migrations = new ArrayList<>();
        for (JsonNode entry : ordered) {
            String tag = entry.path("tag").asText("");
            String path = tag + ".sql";
            if (tag.isEmpty() || !files.has(path)) {
                throw new KitException("Expecting " + (tag.isEmpty() ? "a tag on each entry" : path)
                        + " at " + files.location() + ", as Drizzle's journal lists it (entry "
                        + entry.path("idx").asText("?") + "), but there is no such file.\nRegenerate the migrations"
                        + " with drizzle-kit generate, or restore the file.");
            }
            Matcher name = LEADING_DIGITS.matcher(tag);
            String version = name.matches() && !name.group(1).isEmpty() ? name.group(1)
                    : entry.path("idx").asText();
            migrations.add(new Migration(version, name.matches() ? name.group(2) : tag,
                    new Sql(path, files.read(path), 1, entry.path("breakpoints").asBoolean(true)), null, true,
                    null));
        }
        return migrations;
    }

    private List<Migration> sqlFolder() {
        for (List<String> folders : UP_DOWN_FOLDERS) {
            String up = folders.get(0) + "/";
            if (files.paths().stream().anyMatch(path -> path.startsWith(up) && path.endsWith(".sql"))) {
                return pairedFolders(up, folders.get(1) + "/");
            }
        }
        List<String> sql = files.paths().stream().filter(path -> path.endsWith(".sql"))
                .sorted(FolderReader::natural).toList();
        List<Migration> migrations = new ArrayList<>();
        for (String path : sql) {
            migrations.add(plain(path, Sql.of(path, files.read(path)), null, "put it in up/ and its undo in down/"
                    + " (or deploy/ and revert/)"));
        }
        return migrations;
    }

    private List<Migration> pairedFolders(String up, String down) {
        List<String> names = files.paths().stream().filter(path -> path.startsWith(up) && path.endsWith(".sql"))
                .map(path -> path.substring(up.length())).toList();
        if (files.has("sqitch.plan")) {
            names = sqitchPlan(up, names);
        } else {
            names = names.stream().sorted(FolderReader::natural).toList();
        }
        List<Migration> migrations = new ArrayList<>();
        for (String name : names) {
            String downPath = down + name;
            migrations.add(plain(name, Sql.of(up + name, files.read(up + name)),
                    files.has(downPath) ? Sql.of(downPath, files.read(downPath)) : null, "add " + downPath));
        }
        return migrations;
    }

    /** The changes of a sqitch plan, in its order: one per line, the name first; pragmas, tags and notes skipped. */
    private List<String> sqitchPlan(String up, List<String> names) {
        List<String> ordered = new ArrayList<>();
        for (String line : files.read("sqitch.plan").split("\\R")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("%") || text.startsWith("@") || text.startsWith("#")) {
                continue;
            }
            String change = text.split("\\s+")[0] + ".sql";
            if (!names.contains(change)) {
                throw new KitException("Expecting " + up + change + " at " + files.location() + ", as sqitch.plan"
                        + " lists it, but there is no such file.\nAdd it, or remove the change from the plan.");
            }
            ordered.remove(change);
            ordered.add(change);
        }
        return ordered;
    }

    private static Migration plain(String name, Sql up, Sql down, String addDown) {
        String file = name.substring(name.lastIndexOf('/') + 1, name.length() - ".sql".length());
        Matcher digits = LEADING_DIGITS.matcher(file);
        boolean numbered = digits.matches() && !digits.group(1).isEmpty();
        return new Migration(numbered ? digits.group(1) : name.substring(0, name.length() - ".sql".length()),
                numbered ? digits.group(2) : file, up, down, true, addDown);
    }

    private void requireDistinctVersions(MigrationFormat format, List<Migration> migrations) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Migration migration : migrations) {
            String key = migration.version().matches("\\d+") ? new BigInteger(migration.version()).toString()
                    : migration.version();
            String other = seen.putIfAbsent(key, migration.file());
            if (other != null) {
                throw new KitException("Expecting one migration per version at " + files.location() + " ("
                        + format.label() + "), but version " + migration.version() + " has two: " + other + " and "
                        + migration.file() + ".\nGive each its own version.");
            }
        }
    }

    private KitException notNamed(MigrationFormat format, String path) {
        return new KitException("Expecting " + format.label() + " migrations at " + files.location() + " to be"
                + " named " + format.naming() + ", but " + path + " is not.\n" + format.label()
                + " would not run it as written: rename it, or move it out of the folder.");
    }

    /** Natural order: runs of digits compare as numbers ({@code 2_b.sql} before {@code 10_a.sql}). */
    static int natural(String left, String right) {
        Matcher a = Pattern.compile("\\d+|\\D+").matcher(left);
        Matcher b = Pattern.compile("\\d+|\\D+").matcher(right);
        while (a.find() && b.find()) {
            String x = a.group();
            String y = b.group();
            int order = Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))
                    ? new BigInteger(x).compareTo(new BigInteger(y)) : x.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        return left.compareTo(right);
    }
}
