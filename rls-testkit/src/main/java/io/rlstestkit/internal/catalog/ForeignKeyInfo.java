package io.rlstestkit.internal.catalog;

import org.apiguardian.api.API;

import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A foreign key.
 *
 * @param name          the constraint's name
 * @param table         the referencing table
 * @param columns       its columns, in key order
 * @param parent        the referenced table
 * @param parentColumns the referenced columns, in key order
 * @param onDelete      what a DELETE of a referenced row does: {@code NO ACTION}, {@code RESTRICT}, {@code CASCADE},
 *                      {@code SET NULL} or {@code SET DEFAULT}
 */
@API(status = INTERNAL)
public record ForeignKeyInfo(String name, TableInfo table, List<String> columns, TableInfo parent,
                             List<String> parentColumns, String onDelete) {

    /** Whether a DELETE of a referenced row changes the referencing rows. */
    public boolean deleteChangesReferencingRows() {
        return onDelete.equals("CASCADE") || onDelete.startsWith("SET ");
    }

    /** The referenced column that a column of the key points to, or {@code null} where it is not in the key. */
    public String parentColumnOf(String column) {
        int index = columns.indexOf(column);
        return index < 0 ? null : parentColumns.get(index);
    }
}
