package io.rlstestkit.internal.probe;

import io.rlstestkit.internal.catalog.ColumnInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The values policy expressions, as pg_policies prints them, compare columns with. */
class PolicyValuesTest {

    private static final List<ColumnInfo> COLUMNS = List.of(column("status", "S"), column("kind", "S"),
            column("priority", "N"), column("is_public", "B"), column("Stage", "S"), column("name", "S"));

    @Test
    void readsEqualitiesInListsAndNumbersAsPostgresPrintsThem() {
        // GIVEN
        List<String> expressions = List.of("((status = 'draft'::text) AND (kind = ANY (ARRAY['a'::text, 'b'::text])))",
                "((priority > 3) AND is_public)", "(('it''s'::text = \"Stage\") AND (name <> 'admin'::text))");
        // WHEN
        Map<String, List<String>> values = PolicyValues.of(COLUMNS, expressions);
        // THEN
        assertThat(values).containsExactly(Map.entry("status", List.of("draft")), Map.entry("kind", List.of("a", "b")),
                Map.entry("priority", List.of("4")), Map.entry("is_public", List.of("true", "false")),
                Map.entry("Stage", List.of("it's")));
        assertThat(PolicyValues.mentioned(COLUMNS, expressions)).containsExactly("status", "kind", "priority",
                "is_public", "Stage", "name");
    }

    @Test
    void readsNoValueFromLiteralsOfOtherColumnsOrFromTheTenantComparison() {
        List<String> expressions = List.of("((\"workspaceId\" = current_workspace()) AND (note = 'status'::text))");
        assertThat(PolicyValues.of(COLUMNS, expressions)).isEmpty();
        assertThat(PolicyValues.mentioned(COLUMNS, expressions)).isEmpty();
    }

    private static ColumnInfo column(String name, String category) {
        return new ColumnInfo(name, "text", "text", category, true, false, false, false, false, false);
    }
}
