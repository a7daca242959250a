package io.rlstestkit.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.audit.Origins;
import io.rlstestkit.internal.audit.SarifWriter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * The one SARIF writer also writes what the command line's checks beyond the audit found: each failed probe of the
 * deny matrix and a failed round trip, a result of its own rule after the audit's. (No SQL: the writer's input only.)
 */
class SarifFailuresTest {

    private static final String FILE = "db/migrations/V2__reviews.sql";

    @Test
    void failedChecksAreResultsOfTheirRulesListedAfterTheAuditsRules() {
        Finding finding = new Finding(RlsAudit.PERMISSIVE_TRUE, "public.reviews", "Policy everyone_updates on"
                + " public.reviews is true for app_user.", Severity.ERROR);
        SarifWriter.Failure leak = new SarifWriter.Failure(SarifWriter.DENY_MATRIX, "reviews: b cannot UPDATE rows of a",
                "\nExpecting no row of tenant a to change,\nbut 1 did.\n", "public.reviews",
                Optional.of(new Origins.Origin(FILE, 1)));
        SarifWriter.Failure undo = new SarifWriter.Failure(SarifWriter.ROUND_TRIP, "every migration step is reversible",
                "Expecting U2 to restore the schema.", null, Optional.empty());

        String sarif = SarifWriter.write(List.of(finding), any -> Optional.of(new Origins.Origin(FILE, 1)), List.of(),
                List.of(leak, undo));

        int checks = RlsAudit.CODES.size();
        assertThat(sarif)
                .contains("{\"id\":\"" + RlsAudit.CODES.get(checks - 1) + "\",\"name\":\""
                        + RlsAudit.CODES.get(checks - 1) + "\",\"shortDescription\":{\"text\":\"")
                .contains("}},{\"id\":\"DENY_MATRIX\",\"name\":\"DENY_MATRIX\",\"shortDescription\":{\"text\":"
                        + "\"Deny-path matrix: a tenant reaches another tenant's rows, or a table cannot be covered.\"}},"
                        + "{\"id\":\"ROUND_TRIP\",\"name\":\"ROUND_TRIP\"")
                .contains("{\"ruleId\":\"DENY_MATRIX\",\"ruleIndex\":" + checks + ",\"level\":\"error\",\"message\":"
                        + "{\"text\":\"reviews: b cannot UPDATE rows of a\\nExpecting no row of tenant a to change,\\nbut"
                        + " 1 did.\"},\"partialFingerprints\":{\"rlsTestkitFinding/v1\":")
                .contains("\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"" + FILE + "\"},"
                        + "\"region\":{\"startLine\":1}},\"logicalLocations\":[{\"fullyQualifiedName\":"
                        + "\"public.reviews\"}]}]}")
                .contains("{\"ruleId\":\"ROUND_TRIP\",\"ruleIndex\":" + (checks + 1) + ",\"level\":\"error\","
                        + "\"message\":{\"text\":\"every migration step is reversible\\nExpecting U2 to restore the"
                        + " schema.\"},\"partialFingerprints\":{\"rlsTestkitFinding/v1\":\"");
        assertThat(sarif.indexOf("\"ruleId\":\"PERMISSIVE_TRUE\"")).isLessThan(sarif.indexOf("\"ruleId\":\"DENY_MATRIX\""));
    }

    @Test
    void withoutFailedChecksTheLogListsTheAuditsRulesOnly() {
        assertThat(SarifWriter.write(List.of(), any -> Optional.empty(), List.of(), List.of()))
                .isEqualTo(SarifWriter.write(List.of(), any -> Optional.empty(), List.of()))
                .doesNotContain("DENY_MATRIX", "ROUND_TRIP");
    }

    @Test
    void aFailureOfAnotherRuleIsRefusedWithTheRulesThereAre() {
        Throwable thrown = catchThrowable(() -> new SarifWriter.Failure("LEAK", "reviews", "leaked", null,
                Optional.empty()));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("Expecting the rule of a failed"
                + " check to be one of [DENY_MATRIX, ROUND_TRIP], but was LEAK.");
    }
}
