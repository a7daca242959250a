package io.rlstestkit.internal.matrix;

import io.rlstestkit.internal.probe.InsertProbe;
import io.rlstestkit.internal.probe.RowMaker;
import io.rlstestkit.Tenant;
import io.rlstestkit.internal.probe.OutcomeKind;
import io.rlstestkit.internal.probe.StatementOutcome;
import io.rlstestkit.internal.catalog.Catalog;
import io.rlstestkit.internal.catalog.ForeignKeyInfo;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.probe.Outcomes;
import io.rlstestkit.internal.scope.Scope;
import io.rlstestkit.internal.scope.TestTransaction;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes rows (two where the keys allow), as the owner and inside the test's transaction, for every tenant that the
 * seed left without rows in a table the matrix covers: tables in foreign-key order (a row's parents first, its tenant's own), each row made by
 * the {@link RowMaker} of the INSERT probe, moved on to other values where a constraint refuses it. A tenant's rows
 * are inserted with the tenant's settings and claims set, as its requests would insert them, so that triggers that
 * fill a column from them ({@code NEW.invited_by = auth.uid()}) find the tenant. Foreign keys that may be NULL are
 * left NULL, which breaks self-references and cycles. A parent table without the tenant column that has no row at
 * all gets one row.
 */
final class RowSynthesizer {

    private static final int ATTEMPTS = 16;
    /**
     * Rows made per tenant and table, where the key allows: two, so that a table keyed by two references (a join
     * table) leaves the INSERT probe a pair of parent rows that is not taken yet.
     */
    private static final int ROWS = 2;

    private final TestTransaction transaction;
    private final Scope owner;
    private final Catalog catalog;
    private final List<ForeignKeyInfo> keys;
    private final TenantColumns tenantColumns;
    private final Function<TableInfo, Map<String, ?>> templates;
    private final Function<Tenant, Map<String, String>> identities;
    private final Map<TableInfo, Map<Tenant, String>> made = new LinkedHashMap<>();
    private final Map<TableInfo, String> failures = new LinkedHashMap<>();
    /** Tables that a tenant column references (the tenants table): to the column it references. */
    private final Map<TableInfo, String> registries = new LinkedHashMap<>();

    /**
     * @param identities the settings and claims of a tenant's scope, set while its rows are inserted
     */
    RowSynthesizer(TestTransaction transaction, Scope owner, List<ForeignKeyInfo> keys, TenantColumns tenantColumns,
                   Function<TableInfo, Map<String, ?>> templates, Function<Tenant, Map<String, String>> identities)
            throws SQLException {
        this.transaction = transaction;
        this.owner = owner;
        this.catalog = transaction.ownerCatalog(owner);
        this.keys = keys;
        this.tenantColumns = tenantColumns;
        this.templates = templates;
        this.identities = identities;
    }

    /** Makes the missing rows of the tables and of the parents they need, for every tenant. */
    void synthesize(List<TableInfo> tables, List<Tenant> tenants) throws SQLException {
        for (TableInfo table : order(tables)) {
            if (failures.containsKey(table)) {
                continue;
            }
            String tenantColumn = tenantColumns.of(table).orElse(registries.get(table));
            if (tenantColumn == null) {
                if (count(table, null, null) == 0) {
                    // a table that pairs tenants' rows with others (a membership table) gets a row for each tenant,
                    // so that what it grants, it grants to each alike; any other table one row
                    for (Tenant tenant : pairsTenants(table) ? tenants : tenants.subList(0, 1)) {
                        make(table, "", tenant, null, Map.of());
                    }
                }
                continue;
            }
            for (Tenant tenant : tenants) {
                if (!failures.containsKey(table) && count(table, Identifiers.quote(tenantColumn) + "::text = ?",
                        tenant) == 0) {
                    make(table, tenantColumn, tenant, tenant, Map.of());
                }
            }
        }
    }

    /**
     * Makes the missing rows of tables that reach their tenant through a parent, parents first: each under one of the
     * tenant's own parent rows.
     */
    void synthesizeReached(Collection<ParentTenants.Reached> tables, List<Tenant> tenants) throws SQLException {
        for (ParentTenants.Reached reached : tables) {
            TableInfo table = reached.table();
            for (Tenant tenant : tenants) {
                if (failures.containsKey(table) || count(table, "(" + reached.expression() + ") = ?::text", tenant)
                        > 0) {
                    continue;
                }
                String parent = ParentTenants.parentKey(transaction, owner, reached, tenant);
                if (parent == null) {
                    failures.put(table, "\nExpecting the deny matrix to make a row of " + tenant + " in "
                            + table.displayName() + " " + reached.describe() + ", where the seed left " + tenant.key()
                            + " none, but " + tenant + " has no row in " + reached.key().parent().displayName()
                            + " to make it under.\nSeed a row of each tenant in " + reached.key().parent().displayName()
                            + ".");
                    continue;
                }
                make(table, "", tenant, tenant, Map.of(reached.column(), parent));
            }
        }
    }

    /** Whether the matrix made the rows of a tenant in a table. */
    boolean madeFor(TableInfo table, Tenant tenant) {
        return made.getOrDefault(table, Map.of()).containsKey(tenant);
    }

    /** The statement that made the rows of a tenant in a table. */
    String statement(TableInfo table, Tenant tenant) {
        return made.getOrDefault(table, Map.of()).get(tenant);
    }

    /** Why the rows of a table could not be made, if they could not. */
    String failure(TableInfo table) {
        return failures.get(table);
    }

    /** Makes rows of a tenant; {@code pointing} sets the column that points at the tenant's parent row, if any. */
    private void make(TableInfo table, String tenantColumn, Tenant tenant, Tenant whose, Map<String, String> pointing)
            throws SQLException {
        Map<String, Object> template = new LinkedHashMap<>(templates.apply(table));
        template.putAll(pointing);
        String line = "withRow(\"" + table.name() + "\", Map.of(\"column\", value, ...))";
        String expecting = "\nExpecting the deny matrix to make a row " + (whose == null ? "" : "of " + whose + " ")
                + "in " + table.displayName() + ", where the seed left " + (whose == null ? "none" : whose.key()
                + " none") + ", but ";
        RowMaker maker;
        try {
            List<ForeignKeyInfo> own = keys.stream().filter(key -> key.table().oid() == table.oid()).toList();
            maker = new RowMaker(catalog, table, tenantColumn, own, template,
                    parent -> tenantColumns.of(parent).orElse(null));
        } catch (RowMaker.CannotMake e) {
            failures.put(table, expecting + "it cannot: " + e.getMessage() + ".\nSeed one, or give a row template: "
                    + line + ".");
            return;
        }
        // the owner, with the settings and claims of the tenant whose row it inserts
        Scope as = whose == null ? owner : new Scope(Scope.Kind.OWNER, owner.name(), owner.role(),
                identities.apply(whose), null);
        StatementOutcome outcome = null;
        List<String> tried = new ArrayList<>();
        int rows = 0;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            RowMaker.Row row;
            try {
                row = maker.row(tenant, tenant);
            } catch (RowMaker.CannotMake e) {
                failures.put(table, expecting + "it cannot: " + e.getMessage() + ".\nSeed one, or give a row"
                        + " template: " + line + ".");
                return;
            }
            outcome = transaction.run(as, connection -> Outcomes.run(connection, row.sql(), row.args()));
            tried.add(outcome.arguments());
            if (!outcome.failed()) {
                // a first row that a deferrable self-reference made point at a placeholder points at itself now
                Optional<RowMaker.Update> itself = maker.selfReference(row);
                if (itself.isPresent()) {
                    transaction.run(as, connection -> Outcomes.run(connection, itself.get().sql(),
                            itself.get().args()));
                }
                made.computeIfAbsent(table, key -> new LinkedHashMap<>()).putIfAbsent(tenant, outcome.statement());
                if (++rows == ROWS) {
                    return;
                }
                continue;
            }
            if (outcome.kind() != OutcomeKind.CONSTRAINT_VIOLATION || !maker.adjust(InsertProbe.culprit(outcome))) {
                break;
            }
        }
        if (rows > 0) {
            return;
        }
        List<String> columns = outcome.kind() == OutcomeKind.CONSTRAINT_VIOLATION
                ? maker.columnsOf(InsertProbe.culprit(outcome)) : List.of();
        failures.put(table, expecting + "its INSERT, as the owner" + (whose == null ? "" : " with " + whose
                + "'s settings") + ", " + outcome.kind().verb() + ": " + outcome.error()
                + "\n  <" + outcome.sql() + ">\n  with each of " + String.join(", ", tried) + "\nSeed a row "
                + (whose == null ? "" : "of each tenant ") + "there, or give a row template: "
                + (columns.isEmpty() ? line : "withRow(\"" + table.name() + "\", Map.of(\"" + columns.get(0)
                + "\", ...))") + ".");
    }

    /** The rows of a table, or those of a tenant that a condition with one parameter, the tenant's id, picks. */
    private long count(TableInfo table, String condition, Tenant tenant) throws SQLException {
        String sql = "SELECT count(*) AS n FROM " + table.qualifiedName()
                + (condition == null ? "" : " WHERE " + condition);
        return transaction.run(owner, connection -> Outcomes.count(tenant == null ? Outcomes.run(connection, sql)
                : Outcomes.run(connection, sql, String.valueOf(tenant.id()))));
    }

    /**
     * The tables and the parents their NOT NULL foreign keys need, parents first; a table whose parents form a cycle
     * comes after the others, in name order.
     */
    private List<TableInfo> order(List<TableInfo> tables) {
        for (ForeignKeyInfo key : keys) {
            String tenantColumn = tenantColumns.of(key.table()).orElse(null);
            if (key.columns().equals(List.of(String.valueOf(tenantColumn))) && tenantColumns.of(key.parent()).isEmpty()) {
                registries.put(key.parent(), key.parentColumns().get(0));
            }
        }
        Set<TableInfo> needed = new LinkedHashSet<>();
        List<TableInfo> pending = new ArrayList<>(tables);
        while (!pending.isEmpty()) {
            TableInfo table = pending.remove(0);
            if (needed.add(table)) {
                parents(table).forEach(pending::add);
            }
        }
        List<TableInfo> ordered = new ArrayList<>();
        Set<TableInfo> left = new LinkedHashSet<>(needed);
        while (!left.isEmpty()) {
            TableInfo next = left.stream().filter(table -> parents(table).stream()
                    .noneMatch(parent -> left.contains(parent) && !parent.equals(table))).findFirst()
                    .orElse(left.iterator().next());
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    /** Whether a table without a tenant column has a NOT NULL foreign key to a table with one. */
    private boolean pairsTenants(TableInfo table) {
        return parents(table).stream().anyMatch(parent -> tenantColumns.of(parent).isPresent());
    }

    /** The tables a table's NOT NULL foreign keys reference. */
    private List<TableInfo> parents(TableInfo table) {
        Map<String, Boolean> notNull = new LinkedHashMap<>();
        catalog.columns(table).forEach(column -> notNull.put(column.name(), column.notNull()));
        return keys.stream().filter(key -> key.table().oid() == table.oid())
                .filter(key -> key.columns().stream().anyMatch(column -> notNull.getOrDefault(column, false)))
                .map(ForeignKeyInfo::parent).distinct().toList();
    }
}
