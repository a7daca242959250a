package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A column as the catalog describes it.
 *
 * @param name        its name
 * @param type        its type as {@code format_type} writes it ({@code uuid}, {@code character varying(20)})
 * @param typeName    the name of its base type in {@code pg_type} ({@code uuid}, {@code varchar}, {@code int8})
 * @param typeCategory {@code pg_type.typcategory} of its type ({@code S} string, {@code N} numeric, {@code E} enum ...)
 * @param notNull     whether it is NOT NULL
 * @param hasDefault  whether it has a default or is an identity column
 * @param generated   whether it is a generated column, or an identity column ALWAYS, that an UPDATE cannot set
 * @param unique      whether a unique index or constraint covers it (alone or with others)
 * @param foreignKey  whether it is part of a foreign key
 * @param checked     whether a CHECK constraint reads it
 */
@API(status = INTERNAL)
public record ColumnInfo(String name, String type, String typeName, String typeCategory, boolean notNull,
                         boolean hasDefault, boolean generated, boolean unique, boolean foreignKey, boolean checked) {
}
