package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.report.Plurals;
import org.apiguardian.api.API;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Judges the rows a query returned against what a test expects of them. An error is never "no rows": a query that
 * failed fails every expectation. Each method returns {@code null} where the expectation holds, else the failure
 * message.
 */
@API(status = INTERNAL)
public final class QueryVerdicts {

    private QueryVerdicts() {
    }

    /** The query ran and returned exactly that many rows. */
    public static String returnsRows(StatementOutcome actual, long expected) {
        String failed = ran(actual);
        if (failed != null || actual.rowCount() == expected) {
            return failed;
        }
        return expecting(actual, "to return " + StatementOutcome.rows(expected)) + "but it returned "
                + StatementOutcome.rows(actual.rowCount()) + ":\n  " + sample(actual.rows());
    }

    /** The query returned at least one row, and every row's tenant column holds the tenant's id. */
    public static String returnsOnlyRowsOf(StatementOutcome actual, Tenant tenant, String tenantColumn) {
        String failed = ran(actual);
        if (failed != null) {
            return failed;
        }
        if (actual.rows().isEmpty()) {
            return expecting(actual, "to return rows of " + tenant + " only, and at least one")
                    + "but it returned none: an empty result would prove nothing.";
        }
        if (!actual.rows().get(0).containsKey(tenantColumn)) {
            return expecting(actual, "to return rows of " + tenant + " only") + "but its rows have no"
                    + " column " + tenantColumn + " to tell (columns: " + actual.rows().get(0).keySet()
                    + "). Select the tenant column.";
        }
        List<Map<String, Object>> others = actual.rows().stream()
                .filter(row -> !Objects.equals(String.valueOf(row.get(tenantColumn)), String.valueOf(tenant.id())))
                .toList();
        if (!others.isEmpty()) {
            return expecting(actual, "to return rows of " + tenant + " (" + tenantColumn + " = "
                    + tenant.id() + ") only") + "but " + others.size() + " of its "
                    + Plurals.count(actual.rowCount(), "row")
                    + (others.size() == 1 ? " belongs" : " belong") + " to others:\n  " + sample(others);
        }
        return null;
    }

    /** The query ran: an error is not an empty result. */
    public static String ran(StatementOutcome actual) {
        if (!actual.failed()) {
            return null;
        }
        return expecting(actual, "to run") + "but " + actual.describe()
                + "\nAn error is not an empty result: a deny test must see the query run and return nothing.";
    }

    private static String expecting(StatementOutcome actual, String what) {
        return "\nExpecting query:\n  " + actual.statement() + "\n" + what + "\n";
    }

    private static String sample(List<Map<String, Object>> rows) {
        String shown = rows.subList(0, Math.min(3, rows.size())).toString();
        return rows.size() > 3 ? shown + " and " + (rows.size() - 3) + " more" : shown;
    }
}
