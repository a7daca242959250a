package io.rlstestkit.internal.matrix;

import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.tenant.TenantTables;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant column of each table, as the deny matrix uses it: the one {@link TenantTables} (which the policy audit
 * asks too) finds, configured or read from the table's policies. A table that reaches its tenant only through a
 * foreign key has no column holding the tenant's id, so it has none here.
 */
final class TenantColumns {

    private final TenantTables tables;
    /** Tables whose column read from the policies cannot hold the tenants' ids: the other one used, or none. */
    private final Map<TableInfo, Optional<String>> instead = new HashMap<>();

    TenantColumns(TenantTables tables) {
        this.tables = tables;
    }

    /** Uses another of the columns the policies tie to the tenant, or none, where the one read cannot hold its ids. */
    void instead(TableInfo table, Optional<String> column) {
        instead.put(table, column);
    }

    /** The table's tenant column, if it has one. */
    Optional<String> of(TableInfo table) {
        if (instead.containsKey(table)) {
            return instead.get(table);
        }
        TenantTables.TenantTable known = tables.of(table);
        return known.source() == TenantTables.Source.CONFIGURED || known.source() == TenantTables.Source.POLICY
                ? Optional.of(known.column()) : Optional.empty();
    }

    /** The policy the table's tenant column was read from, if it was read from one. */
    Optional<String> policy(TableInfo table) {
        return Optional.ofNullable(tables.of(table).policy());
    }

    /** What the policy audit and the matrix know of the table. */
    TenantTables.TenantTable known(TableInfo table) {
        return tables.of(table);
    }
}
