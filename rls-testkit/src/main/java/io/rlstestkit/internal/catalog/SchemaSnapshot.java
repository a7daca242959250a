package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.sql.Connection;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What a database's schema is, as the catalog says it, object by object: schemas, extensions, types and domains,
 * sequences, tables and their columns, constraints, indexes, views, functions, triggers, row-level security flags
 * and policies, grants and default privileges, and the roles that the schema refers to. Comparable across
 * databases: no OIDs, privileges normalized (an ACL that was never touched equals its default), the migrating
 * user's own privileges and ownership left implicit.
 * <pre>{@code
 * SchemaSnapshot before = SchemaSnapshot.read(connection, Exclusions.NONE);
 * }</pre>
 */
@API(status = INTERNAL)
public final class SchemaSnapshot {

    /** The order in which kinds of objects are listed: what others depend on first. */
    public static final List<String> KINDS = List.of("role", "schema", "extension", "type", "domain", "sequence",
            "table", "column", "constraint", "index", "view", "materialized view", "function", "procedure",
            "aggregate", "trigger", "event trigger", "policy", "grant", "default privileges");

    /** The canonical order of objects: by kind ({@link #KINDS}), then by key. */
    public static final Comparator<SchemaObject> ORDER = Comparator
            .comparingInt((SchemaObject object) -> rank(object.kind()))
            .thenComparing(SchemaObject::key);

    private final Map<String, SchemaObject> objects;

    private SchemaSnapshot(Map<String, SchemaObject> objects) {
        this.objects = objects;
    }

    /** A snapshot of the objects given, in the canonical order. */
    public static SchemaSnapshot of(Collection<SchemaObject> objects) {
        Map<String, SchemaObject> ordered = new LinkedHashMap<>();
        objects.stream().sorted(ORDER).forEach(object -> ordered.put(object.key(), object));
        return new SchemaSnapshot(Collections.unmodifiableMap(ordered));
    }

    /**
     * Reads the schema of the database a connection is on, as its user sees it (a superuser or the owner sees all).
     *
     * @param exclusions what belongs to the migration tool rather than to the schema
     */
    public static SchemaSnapshot read(Connection connection, Exclusions exclusions) {
        return of(new SnapshotReader(new Catalog(connection), exclusions).read());
    }

    /** Every object by key, in the canonical order. */
    public Map<String, SchemaObject> objects() {
        return objects;
    }

    /** The object of that key, or {@code null}. */
    public SchemaObject get(String key) {
        return objects.get(key);
    }

    /** Whether the snapshot has an object of that key. */
    public boolean contains(String key) {
        return objects.containsKey(key);
    }

    /** The keys of the tables, in order. */
    public List<String> tables() {
        return objects.values().stream().filter(object -> object.kind().equals("table")).map(SchemaObject::key)
                .toList();
    }

    static int rank(String kind) {
        int rank = KINDS.indexOf(kind);
        return rank < 0 ? KINDS.size() : rank;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaSnapshot snapshot && List.copyOf(objects.values())
                .equals(List.copyOf(snapshot.objects.values()));
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        return objects.size() + " objects";
    }

    /**
     * What a snapshot leaves out: the migration tool's own history table (with its columns, indexes and grants), and
     * schemas that the tool created to hold it (only the schema itself: what migrations put in it counts).
     *
     * @param table   the history table, schema-qualified and quoted as {@code to_regclass} takes it, or {@code null}
     * @param schemas the names of schemas the tool created
     */
    public record Exclusions(String table, Set<String> schemas) {

        /** Nothing left out. */
        public static final Exclusions NONE = new Exclusions(null, Set.of());

        public Exclusions {
            schemas = Set.copyOf(schemas);
        }
    }
}
