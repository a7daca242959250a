package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.probe.Outcomes;

import java.sql.Connection;

/**
 * Makes room for a tenant's row in a table keyed by the tenant id (a workspace's settings, one row per workspace): as
 * the owner, inside the probe's savepoint, deletes the tenant's row with triggers and foreign-key checks off
 * ({@code session_replication_role = replica}, which needs a superuser), so that an INSERT of a row for that tenant
 * meets the policies instead of the key. The savepoint's rollback brings the row back.
 */
final class Vacancy {

    private Vacancy() {
    }

    /** Deletes the tenant's rows; returns the outcome of the DELETE (a failure where the owner is no superuser). */
    static StatementOutcome vacate(Connection connection, TableInfo table, String tenantColumn, String type,
                                   Tenant tenant) {
        StatementOutcome off = Outcomes.run(connection, "SET LOCAL session_replication_role = replica");
        if (off.failed()) {
            return off;
        }
        StatementOutcome deleted = Outcomes.run(connection, "DELETE FROM " + table.qualifiedName() + " WHERE "
                + Identifiers.quote(tenantColumn) + " = ?::" + type, tenant);
        Outcomes.run(connection, "SET LOCAL session_replication_role = origin");
        return deleted;
    }
}
