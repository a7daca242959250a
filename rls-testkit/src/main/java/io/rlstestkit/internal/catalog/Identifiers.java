package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.Set;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Quoting of SQL identifiers, as {@code quote_ident} does it. */
@API(status = INTERNAL)
public final class Identifiers {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    /**
     * The keywords of PostgreSQL (17) that are not unreserved: reserved, and those that cannot be a column or a type or
     * function name. {@code quote_ident} quotes them; so does {@link #quote}.
     */
    private static final Set<String> KEYWORDS = Set.of((""
            + "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint"
            + " create current_catalog current_date current_role current_time current_timestamp current_user default"
            + " deferrable desc distinct do else end except false fetch for foreign from grant group having in"
            + " initially intersect into lateral leading limit localtime localtimestamp not null offset on only or"
            + " order placing primary references returning select session_user some symmetric system_user table then"
            + " to trailing true union unique user using variadic when where window with"
            + " authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull"
            + " join left like natural notnull outer overlaps right similar tablesample verbose"
            + " between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping"
            + " inout int integer interval json json_array json_arrayagg json_exists json_object json_objectagg"
            + " json_query json_scalar json_serialize json_table json_value least merge_action national nchar none"
            + " normalize nullif numeric out overlay position precision real row setof smallint substring time"
            + " timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest"
            + " xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable").split(" "));

    private Identifiers() {
    }

    /** The identifier, double-quoted where PostgreSQL needs it: not lower case, or a keyword ({@code "order"}). */
    public static String quote(String identifier) {
        if (PLAIN.matcher(identifier).matches() && !KEYWORDS.contains(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A string as an SQL literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
