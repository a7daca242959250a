package io.rlstestkit.assertion;

import io.rlstestkit.Tenant;
import org.assertj.core.api.AbstractAssert;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assertions on the rows a query returned in a scope. An error is never "no rows": a query that fails fails every
 * assertion here, with the SQLSTATE and the server's message.
 * <pre>{@code
 * assertThat(b).query("select * from invoices where tenant_id = ?", a.id()).returnsNoRows();
 * }</pre>
 */
public class QueryAssert extends AbstractAssert<QueryAssert, StatementOutcome> {

    private String tenantColumn = "tenant_id";

    /** Assertions on a query's outcome. */
    public QueryAssert(StatementOutcome actual) {
        super(actual, QueryAssert.class);
    }

    QueryAssert tenantColumn(String column) {
        this.tenantColumn = column;
        return this;
    }

    /** Passes where the query ran and returned no row. */
    public QueryAssert returnsNoRows() {
        return returnsRows(0);
    }

    /** Passes where the query ran and returned exactly that many rows. */
    public QueryAssert returnsRows(int expected) {
        ran();
        if (actual.rowCount() != expected) {
            throw failure(Failures.literal(expecting("to return " + StatementOutcome.rows(expected)) + "but it returned "
                    + StatementOutcome.rows(actual.rowCount()) + ":\n  " + sample(actual.rows())));
        }
        return this;
    }

    /**
     * Passes where the query returned at least one row and every row's tenant column ({@code tenant_id} unless
     * configured otherwise) holds the tenant's id.
     */
    public QueryAssert returnsOnlyRowsOf(Tenant tenant) {
        ran();
        if (actual.rows().isEmpty()) {
            throw failure(Failures.literal(expecting("to return rows of " + tenant + " only, and at least one")
                    + "but it returned none: an empty result would prove nothing."));
        }
        if (!actual.rows().get(0).containsKey(tenantColumn)) {
            throw failure(Failures.literal(expecting("to return rows of " + tenant + " only") + "but its rows have no"
                    + " column " + tenantColumn + " to tell (columns: " + actual.rows().get(0).keySet()
                    + "). Select the tenant column."));
        }
        List<Map<String, Object>> others = actual.rows().stream()
                .filter(row -> !Objects.equals(String.valueOf(row.get(tenantColumn)), String.valueOf(tenant.id())))
                .toList();
        if (!others.isEmpty()) {
            throw failure(Failures.literal(expecting("to return rows of " + tenant + " (" + tenantColumn + " = "
                    + tenant.id() + ") only") + "but " + others.size() + " of its " + actual.rowCount()
                    + " rows belong to others:\n  " + sample(others)));
        }
        return this;
    }

    private void ran() {
        isNotNull();
        if (actual.failed()) {
            throw failure(Failures.literal(expecting("to run") + "but " + actual.describe()
                    + "\nAn error is not an empty result: a deny test must see the query run and return nothing."));
        }
    }

    private String expecting(String what) {
        return "\nExpecting query:\n  " + actual.statement() + "\n" + what + "\n";
    }

    private static String sample(List<Map<String, Object>> rows) {
        String shown = rows.subList(0, Math.min(3, rows.size())).toString();
        return rows.size() > 3 ? shown + " and " + (rows.size() - 3) + " more" : shown;
    }
}
