package io.rlstestkit.internal.probe;

import io.rlstestkit.Tenant;
import io.rlstestkit.internal.report.Plurals;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts in messages read as English: one row, two rows; never "1 rows" or "row(s)". */
class PluralMessagesTest {

    private static final Tenant A = new Tenant("a", "1");

    @Test
    void aCountOfOneIsSingularAndOfTwoPlural() {
        assertThat(Plurals.count(1, "check")).isEqualTo("1 check");
        assertThat(Plurals.count(2, "check")).isEqualTo("2 checks");
        assertThat(Plurals.count(0, "row")).isEqualTo("0 rows");
    }

    @Test
    void returnsRowsCountsInWords() {
        // GIVEN a query that returned one row, and one that returned two
        StatementOutcome one = query(1, "2");
        StatementOutcome two = query(2, "2");

        // WHEN / THEN
        assertThat(QueryVerdicts.returnsRows(one, 2)).contains("to return 2 rows\nbut it returned 1 row:");
        assertThat(QueryVerdicts.returnsRows(two, 1)).contains("to return 1 row\nbut it returned 2 rows:");
    }

    @Test
    void returnsOnlyRowsOfCountsTheOthersInWords() {
        // GIVEN a query whose one row, and one whose two rows, belong to another tenant
        StatementOutcome one = query(1, "2");
        StatementOutcome two = query(2, "2");

        // WHEN / THEN
        assertThat(QueryVerdicts.returnsOnlyRowsOf(one, A, "tenant_id")).contains("but 1 of its 1 row belongs to"
                + " others:");
        assertThat(QueryVerdicts.returnsOnlyRowsOf(two, A, "tenant_id")).contains("but 2 of its 2 rows belong to"
                + " others:");
    }

    private static StatementOutcome query(int rows, String tenantId) {
        List<Map<String, Object>> result = Collections.nCopies(rows, Map.of("tenant_id", tenantId));
        return new StatementOutcome("select tenant_id from invoices", "", OutcomeKind.SUCCEEDED, true, result, rows,
                null, null, null, null, null, null);
    }
}
