package io.rlstestkit.assertion;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.probe.QueryVerdicts;
import io.rlstestkit.internal.probe.StatementOutcome;
import org.assertj.core.api.AbstractAssert;

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
        isNotNull();
        String failed = QueryVerdicts.ran(actual);
        if (failed != null) {
            throw failure(Failures.literal(failed));
        }
        String failure = QueryVerdicts.returnsRows(actual, expected);
        if (failure != null) {
            throw failureWithActualExpected(actual.rowCount(), (long) expected,
                    Failures.literal(failure));
        }
        return this;
    }

    /**
     * Passes where the query returned at least one row and every row's tenant column ({@code tenant_id} unless
     * configured otherwise) holds the tenant's id.
     */
    public QueryAssert returnsOnlyRowsOf(Tenant tenant) {
        isNotNull();
        String failure = QueryVerdicts.returnsOnlyRowsOf(actual, tenant, tenantColumn);
        if (failure != null) {
            throw failure(Failures.literal(failure));
        }
        return this;
    }
}
