package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.catalog.SchemaObject;
import io.rlstestkit.internal.catalog.SchemaSnapshot;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The differences between two {@link SchemaSnapshot}s, one line per object, worded for the step that made them:
 * {@code policy tenant_isolation on public.patients: still present after undo of version 3}. An object whose parent
 * is missing (or extra) too is not listed on its own: a table's columns, policies and grants go with the table.
 */
@API(status = INTERNAL)
public final class SnapshotDiff {

    /** Attributes with two values, each of which says it all: {@code still SECURITY DEFINER}. */
    private static final Set<String> TWO_VALUED = Set.of("row-level security", "force row-level security", "not null",
            "security", "leakproof", "strict", "mode", "cycle", "superuser", "inherit", "createrole", "createdb",
            "login", "replication", "bypassrls", "grant option");

    /** Attributes whose value names itself, without the attribute's name before it. */
    private static final Set<String> UNNAMED = Set.of("not null", "security", "volatility", "leakproof", "strict",
            "parallel", "mode", "cycle", "superuser", "inherit", "createrole", "createdb", "login", "replication",
            "bypassrls", "grant option", "persistence");

    private static final int LONG = 100;

    /** The attribute of a column that is its position in its table. */
    private static final String POSITION = "position";

    private SnapshotDiff() {
    }

    /**
     * What the undo of a version failed to restore.
     *
     * @param before   the schema before the version
     * @param migrated the schema after the version
     * @param undone   the schema after its undo
     */
    public static List<String> afterUndo(SchemaSnapshot before, SchemaSnapshot migrated, SchemaSnapshot undone,
                                         String version) {
        String step = "after undo of version " + version;
        return compare(before, undone, new Wording() {
            @Override
            public String missing() {
                return "missing " + step;
            }

            @Override
            public String extra(SchemaObject object) {
                if (object.kind().equals("role")) {
                    return null;
                }
                return migrated.contains(object.key()) ? "still present " + step
                        : "present " + step + ", but not before version " + version;
            }

            @Override
            public String changed(SchemaObject object, Change change) {
                SchemaObject afterVersion = migrated.get(object.key());
                if (afterVersion != null
                        && Objects.equals(afterVersion.attribute(change.attribute()), change.actual())) {
                    String still = change.actualPhrase("still ") + " " + step;
                    return TWO_VALUED.contains(change.attribute()) ? still
                            : still + " (before version " + version + ": " + change.expectedValue() + ")";
                }
                return change.actualPhrase("") + " " + step + ", but " + change.expectedValue() + " before version "
                        + version;
            }
        });
    }

    /**
     * What migrating a version again, after its undo, made differently from the first time.
     *
     * @param first the schema after the version's first migration
     * @param again the schema after migrating it again
     */
    public static List<String> afterRedo(SchemaSnapshot first, SchemaSnapshot again, String version) {
        String step = "after migrating version " + version + " again";
        return compare(first, again, new Wording() {
            @Override
            public String missing() {
                return "missing " + step;
            }

            @Override
            public String extra(SchemaObject object) {
                return "present " + step + ", but not the first time";
            }

            @Override
            public String changed(SchemaObject object, Change change) {
                return change.actualPhrase("") + " " + step + ", but " + change.expectedValue() + " the first time";
            }
        });
    }

    /**
     * How the migrated schema differs from a snapshot kept in the project.
     *
     * @param recorded the snapshot file's schema
     * @param migrated the schema the migrations build now
     */
    public static List<String> drift(SchemaSnapshot recorded, SchemaSnapshot migrated) {
        return compare(recorded, migrated, new Wording() {
            @Override
            public String missing() {
                return "in the snapshot, but not in the migrated schema";
            }

            @Override
            public String extra(SchemaObject object) {
                return "in the migrated schema, but not in the snapshot";
            }

            @Override
            public String changed(SchemaObject object, Change change) {
                return change.actualPhrase("") + " in the migrated schema, but " + change.expectedValue()
                        + " in the snapshot";
            }
        });
    }

    private interface Wording {
        String missing();

        /** The wording of an object that should not be there, or {@code null} to leave it out. */
        String extra(SchemaObject object);

        String changed(SchemaObject object, Change change);
    }

    /** An attribute that differs, with its values as they are and as messages show them. */
    private record Change(String attribute, String expected, String actual, String shownExpected, String shownActual) {
        Change(String attribute, String expected, String actual) {
            this(attribute, expected, actual, abbreviate(expected, actual)[0], abbreviate(expected, actual)[1]);
        }

        /** The actual value as a phrase with the attribute's name: {@code row-level security forced}. */
        String actualPhrase(String prefix) {
            return phrase(attribute, prefix + value(attribute, shownActual));
        }

        String expectedValue() {
            return value(attribute, shownExpected);
        }
    }

    private static List<String> compare(SchemaSnapshot expected, SchemaSnapshot actual, Wording wording) {
        TreeSet<SchemaObject> all = new TreeSet<>(SchemaSnapshot.ORDER);
        all.addAll(expected.objects().values());
        all.addAll(actual.objects().values());
        List<String> lines = new ArrayList<>();
        for (SchemaObject object : all) {
            SchemaObject want = expected.get(object.key());
            SchemaObject have = actual.get(object.key());
            if (have == null) {
                if (object.parent() == null || expected.contains(object.parent()) == actual.contains(object.parent())) {
                    lines.add(object.key() + ": " + wording.missing());
                }
            } else if (want == null) {
                String extra = wording.extra(object);
                if (extra != null && (object.parent() == null
                        || expected.contains(object.parent()) == actual.contains(object.parent()))) {
                    lines.add(object.key() + ": " + extra);
                }
            } else {
                Set<String> attributes = new LinkedHashSet<>(want.attributes().keySet());
                attributes.addAll(have.attributes().keySet());
                for (String attribute : attributes) {
                    String before = want.attribute(attribute);
                    String after = have.attribute(attribute);
                    if (!Objects.equals(before, after)) {
                        lines.add(object.key() + ": " + wording.changed(have, new Change(attribute, before, after)));
                    }
                }
            }
        }
        return lines;
    }

    /**
     * Whether a line says only that a column's position differs: an undo script that drops a column and adds it back
     * cannot restore its position, so such lines are reported apart from the others.
     */
    public static boolean isColumnPosition(String line) {
        return line.startsWith("column ") && line.contains(": " + POSITION + " ");
    }

    /** The attribute's name and a value phrase: {@code row-level security forced}, {@code SECURITY DEFINER}. */
    private static String phrase(String attribute, String value) {
        String subject = subject(attribute);
        return subject.isEmpty() ? value : subject + " " + value;
    }

    private static String subject(String attribute) {
        if (UNNAMED.contains(attribute)) {
            return "";
        }
        if (attribute.equals("force row-level security")) {
            return "row-level security";
        }
        if (attribute.startsWith("setting ")) {
            return attribute.substring("setting ".length());
        }
        return attribute;
    }

    /** A value as messages say it; an absent attribute has its default. */
    static String value(String attribute, String value) {
        if (value == null) {
            return switch (attribute) {
                case "owner" -> "the migrating user";
                case "grant option" -> "without grant option";
                case "persistence" -> "LOGGED";
                case "kind" -> "ordinary";
                default -> attribute.startsWith("setting ") ? "not set" : "none";
            };
        }
        if (attribute.startsWith("setting ")) {
            return "set to " + value;
        }
        return value;
    }

    /**
     * Two values on one line each: whitespace collapsed, and where both are long, cut to the part around their first
     * difference.
     */
    static String[] abbreviate(String expected, String actual) {
        String a = expected == null ? null : expected.strip().replaceAll("\\s+", " ");
        String b = actual == null ? null : actual.strip().replaceAll("\\s+", " ");
        if (a == null || b == null || (a.length() <= LONG && b.length() <= LONG)) {
            return new String[] {cut(a, 0), cut(b, 0)};
        }
        int first = 0;
        while (first < a.length() && first < b.length() && a.charAt(first) == b.charAt(first)) {
            first++;
        }
        int from = Math.max(0, first - 40);
        return new String[] {cut(a, from), cut(b, from)};
    }

    private static String cut(String value, int from) {
        if (value == null) {
            return null;
        }
        String start = from > 0 ? "..." + value.substring(from) : value;
        return start.length() <= LONG ? start : start.substring(0, LONG - 3) + "...";
    }
}
