package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.SchemaObject;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import org.apiguardian.api.API;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A schema snapshot kept in the project: the migrations Flyway applied (version, description, script, checksum)
 * and the schema they built, one block per object, in an order that keeps version-control diffs small.
 * <pre>
 * migration 1
 *   description: invoices
 *   script: V1__invoices.sql
 *   checksum: 354602754
 *
 * table public.invoices
 *   row-level security: enabled
 *   force row-level security: forced
 * </pre>
 *
 * @param postgresVersion the major version of PostgreSQL that built it, or 0 where unknown
 * @param history         the migrations applied, in order
 * @param schema          the schema
 */
@API(status = INTERNAL)
public record SnapshotFile(int postgresVersion, List<AppliedMigration> history, SchemaSnapshot schema) {

    private static final String BELONGS_TO = "belongs to";
    private static final Pattern POSTGRES = Pattern.compile("^# PostgreSQL (\\d+)");

    /** The property that makes the kit write snapshot files instead of comparing with them. */
    public static final String UPDATE_KEY = "rlstestkit.snapshot.update";

    /**
     * A migration as Flyway applied it.
     *
     * @param version     its version
     * @param description its description
     * @param script      its script
     * @param checksum    its checksum, or {@code null}
     */
    public record AppliedMigration(String version, String description, String script, Integer checksum) {
    }

    /** The file's text. */
    public String render(String locations) {
        StringBuilder text = new StringBuilder();
        text.append("# rls-testkit schema snapshot of ").append(locations).append('\n');
        text.append("# PostgreSQL ").append(postgresVersion).append('\n');
        text.append("# The migrations applied and the schema they build, compared by MigrationRoundTrip's\n");
        text.append("# assertMatchesSnapshot (the schema) and assertFlywayValid (the migrations).\n");
        text.append("# After an intended change, regenerate it: run the test with -D").append(UPDATE_KEY)
                .append("=true, and commit it.\n");
        for (AppliedMigration migration : history) {
            text.append("\nmigration ").append(migration.version()).append('\n');
            attribute(text, "description", migration.description());
            attribute(text, "script", migration.script());
            if (migration.checksum() != null) {
                attribute(text, "checksum", String.valueOf(migration.checksum()));
            }
        }
        text.append(renderSchema(schema));
        return text.toString();
    }

    /** The schema part of a snapshot file's text. */
    public static String renderSchema(SchemaSnapshot schema) {
        StringBuilder text = new StringBuilder();
        for (SchemaObject object : schema.objects().values()) {
            text.append('\n').append(object.key()).append('\n');
            if (object.parent() != null) {
                attribute(text, BELONGS_TO, object.parent());
            }
            object.attributes().forEach((name, value) -> attribute(text, name, value));
        }
        return text.toString();
    }

    private static void attribute(StringBuilder text, String name, String value) {
        text.append("  ").append(name).append(": ").append(value.replace("\\", "\\\\").replace("\r", "\\r")
                .replace("\n", "\\n")).append('\n');
    }

    /** Reads a snapshot file. */
    public static SnapshotFile read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("Expecting to read the schema snapshot " + path + ", but: " + e, e);
        }
        return parse(text, path.toString());
    }

    /** Parses a snapshot file's text. */
    static SnapshotFile parse(String text, String where) {
        int postgres = 0;
        List<AppliedMigration> history = new ArrayList<>();
        List<SchemaObject> objects = new ArrayList<>();
        String key = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            Matcher version = POSTGRES.matcher(line);
            if (version.find()) {
                postgres = Integer.parseInt(version.group(1));
            }
            if (line.startsWith("  ")) {
                int colon = line.indexOf(": ");
                if (key == null || colon < 0) {
                    throw new KitException("Expecting a schema snapshot in " + where + ", but line " + (i + 1)
                            + " is not an object's attribute (\"  name: value\"): " + line
                            + "\nRegenerate the file with -D" + UPDATE_KEY + "=true.");
                }
                attributes.put(line.substring(2, colon), unescape(line.substring(colon + 2)));
                continue;
            }
            if (key != null && (line.isBlank() || !line.startsWith("#"))) {
                if (key.startsWith("migration ")) {
                    String checksum = attributes.get("checksum");
                    history.add(new AppliedMigration(key.substring("migration ".length()),
                            attributes.get("description"), attributes.get("script"),
                            checksum == null ? null : Integer.valueOf(checksum)));
                } else {
                    String parent = attributes.remove(BELONGS_TO);
                    objects.add(new SchemaObject(kindOf(key), key, parent, attributes));
                }
                key = null;
                attributes = new LinkedHashMap<>();
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                key = line;
            }
        }
        return new SnapshotFile(postgres, history, SchemaSnapshot.of(objects));
    }

    /** The kind of an object, from its key: the longest kind the key starts with. */
    private static String kindOf(String key) {
        return SchemaSnapshot.KINDS.stream().filter(kind -> key.startsWith(kind + " "))
                .max(Comparator.comparingInt(String::length)).orElse("object");
    }

    private static String unescape(String value) {
        StringBuilder text = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                text.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Writes the file, making its folder if needed. */
    public void write(Path path, String locations) {
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.writeString(path, render(locations), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("Could not write the schema snapshot " + path + ": " + e, e);
        }
    }
}
