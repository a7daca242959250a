package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Quoting of SQL identifiers, as {@code quote_ident} does it. */
@API(status = INTERNAL)
public final class Identifiers {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    private Identifiers() {
    }

    /** The identifier, double-quoted where PostgreSQL needs it. */
    public static String quote(String identifier) {
        if (PLAIN.matcher(identifier).matches()) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A string as an SQL literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
