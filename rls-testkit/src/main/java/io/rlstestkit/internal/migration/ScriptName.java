package io.rlstestkit.internal.migration;

import org.apiguardian.api.API;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;

import java.util.Arrays;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * What a file name in a Flyway location is, by Flyway's conventions: a versioned migration
 * ({@code V3__policies.sql}), an undo script as Flyway Teams names it ({@code U3__policies.sql}), a repeatable
 * migration ({@code R__views.sql}), a callback ({@code afterMigrate.sql}), or a name Flyway does not recognize,
 * and so ignores.
 *
 * @param kind        what it is
 * @param version     the version of a versioned migration or undo script, or {@code null}
 * @param description its description, underscores as spaces
 * @param problem     for an unrecognized name, what is wrong with it
 */
@API(status = INTERNAL)
public record ScriptName(Kind kind, MigrationVersion version, String description, String problem) {

    /** The prefix of undo scripts, as Flyway Teams names them. */
    public static final String UNDO_PREFIX = "U";

    /** What a file is. */
    public enum Kind { VERSIONED, UNDO, REPEATABLE, CALLBACK, UNRECOGNIZED }

    /** Reads a file name with the prefixes, separator and suffixes of a Flyway configuration. */
    public static ScriptName parse(String fileName, Configuration configuration) {
        String suffix = Arrays.stream(configuration.getSqlMigrationSuffixes()).filter(fileName::endsWith).findFirst()
                .orElse(null);
        if (suffix == null) {
            return unrecognized("it does not end with " + String.join(" or ", configuration.getSqlMigrationSuffixes()));
        }
        String base = fileName.substring(0, fileName.length() - suffix.length());
        String separator = configuration.getSqlMigrationSeparator();
        for (Event event : Event.values()) {
            if (base.equals(event.getId()) || base.startsWith(event.getId() + separator)) {
                return new ScriptName(Kind.CALLBACK, null, "", null);
            }
        }
        String repeatable = configuration.getRepeatableSqlMigrationPrefix();
        if (base.startsWith(repeatable + separator)) {
            return new ScriptName(Kind.REPEATABLE, null, describe(base.substring(repeatable.length()
                    + separator.length())), null);
        }
        String versioned = configuration.getSqlMigrationPrefix();
        Kind kind = base.startsWith(versioned) ? Kind.VERSIONED : base.startsWith(UNDO_PREFIX) ? Kind.UNDO : null;
        if (kind == null) {
            return unrecognized("it starts with none of " + versioned + " (versioned), " + UNDO_PREFIX + " (undo), "
                    + repeatable + " (repeatable) or a callback's name");
        }
        String rest = base.substring(kind == Kind.VERSIONED ? versioned.length() : UNDO_PREFIX.length());
        int split = rest.indexOf(separator);
        if (split < 0) {
            return unrecognized("it has no " + separator + " between version and description");
        }
        try {
            MigrationVersion version = MigrationVersion.fromVersion(rest.substring(0, split));
            return new ScriptName(kind, version, describe(rest.substring(split + separator.length())), null);
        } catch (RuntimeException e) {
            return unrecognized("its version " + rest.substring(0, split) + " is not a version (digits separated by"
                    + " dots or underscores)");
        }
    }

    private static ScriptName unrecognized(String problem) {
        return new ScriptName(Kind.UNRECOGNIZED, null, null, problem);
    }

    private static String describe(String text) {
        return text.replace('_', ' ');
    }
}
