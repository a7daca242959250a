package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} on Flyway folders: a sound schema is proved, a leaking one fails, in every report. */
class CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void soundProjectIsProvedTableByTableWithItsRoundTrip(@TempDir Path reports) throws Exception {
        // WHEN
        Cli.Run run = Cli.checkFlyway("sound", reports);

        // THEN
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(run.out()).contains("Audit: 0 findings",
                "  [x] repositories: 12 probes held",
                "  [x] reviews: 16 probes held",
                "Round trip: every step reversible",
                "PROVED 2 tables, 29 probes (0 failed), 0 findings (0 at or above error), round trip");
        assertThat(run.err()).isEmpty();

        Document junit = ReportChecks.junitXml(reports.resolve("TEST-rls-testkit.xml"));
        assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo("30");
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("0");
        assertThat(testCases(junit)).contains("deny matrix.reviews / reviews: b cannot UPDATE rows of a",
                "deny matrix.repositories / repositories: a cannot INSERT rows for b",
                "round trip / every migration step is reversible", "audit / no findings");

        JsonNode sarif = ReportChecks.validSarif(reports.resolve("rls-testkit.sarif"));
        assertThat(sarif.at("/runs/0/results")).isEmpty();
        assertThat(sarif.at("/runs/0/tool/driver/name").asText()).isEqualTo("rls-testkit");

        JsonNode json = JSON.readTree(reports.resolve("rls-testkit.json").toFile());
        assertThat(json.get("proved").asBoolean()).isTrue();
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("tables")).hasSize(2);
        assertThat(Files.readString(reports.resolve("rls-testkit.md"))).startsWith("## rls-testkit: proved");
    }

    @Test
    void leakingProjectFailsWithTheLeakInEveryReport(@TempDir Path reports) throws Exception {
        // WHEN
        Cli.Run run = Cli.checkFlyway("broken", reports);

        // THEN
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(run.out()).contains("  [x] repositories: 12 probes held",
                "  [!] reviews: 4 of 16 probes failed",
                "  ERROR PERMISSIVE_TRUE public.reviews: Policy everyone_updates on public.reviews",
                "FAILED reviews: b cannot UPDATE rows of a:",
                "but an UPDATE that reads no column changed 1 of tenant a's 1 row",
                "  INFO MULTIPLE_PERMISSIVE_POLICIES public.reviews: public.reviews has several permissive policies",
                "FAILED 2 tables, 28 probes (4 failed), 2 findings (1 at or above error), no undo scripts");

        Document junit = ReportChecks.junitXml(reports.resolve("TEST-rls-testkit.xml"));
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("5");
        assertThat(failures(junit)).containsExactlyInAnyOrder(
                "audit / PERMISSIVE_TRUE public.reviews",
                "deny matrix.reviews / reviews: a cannot UPDATE rows of b",
                "deny matrix.reviews / reviews: b cannot UPDATE rows of a",
                "deny matrix.reviews / reviews: a cannot move its rows to b",
                "deny matrix.reviews / reviews: b cannot move its rows to a");

        JsonNode sarif = ReportChecks.validSarif(reports.resolve("rls-testkit.sarif"));
        List<String> results = new ArrayList<>();
        sarif.at("/runs/0/results").forEach(result -> results.add(result.get("ruleId").asText() + " "
                + result.get("level").asText() + " "
                + result.at("/locations/0/physicalLocation/artifactLocation/uri").asText() + ":"
                + result.at("/locations/0/physicalLocation/region/startLine").asInt()));
        String reviews = "src/test/resources/projects/flyway/broken/db/migrations/V2__reviews.sql:1";
        assertThat(results).containsExactly("PERMISSIVE_TRUE error " + reviews,
                "MULTIPLE_PERMISSIVE_POLICIES note " + reviews, "DENY_MATRIX error " + reviews,
                "DENY_MATRIX error " + reviews, "DENY_MATRIX error " + reviews, "DENY_MATRIX error " + reviews);

        JsonNode json = JSON.readTree(reports.resolve("rls-testkit.json").toFile());
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(Files.readString(reports.resolve("rls-testkit.md"))).startsWith("## rls-testkit: FAILED")
                .contains("| `reviews` | 16 | **4** |", "<summary>reviews: b cannot UPDATE rows of a</summary>");
    }

    @Test
    void findingsFailTheCheckFromTheFailOnSeverityUnlessAccepted(@TempDir Path reports) throws Exception {
        // GIVEN a schema whose only finding is a warning: POLICY_COLUMN_NOT_INDEXED on reviews

        // (below the default --fail-on, it does not fail the check: CheckResultTest)

        // WHEN / THEN
        Cli.Run atWarning = Cli.checkFlyway("unindexed", null, "--fail-on", "warning");
        assertThat(atWarning.exitCode()).as(atWarning.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(atWarning.out()).contains("  WARNING POLICY_COLUMN_NOT_INDEXED public.reviews",
                "FAILED 2 tables, 28 probes (0 failed), 1 finding (1 at or above"
                + " warning)");

        Cli.Run accepted = Cli.checkFlyway("unindexed", reports, "--fail-on", "warning",
                "--accept", "POLICY_COLUMN_NOT_INDEXED:public.reviews:reviews stays small: one row per pull request");
        assertThat(accepted.exitCode()).as(accepted.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(accepted.out()).contains("  accepted POLICY_COLUMN_NOT_INDEXED public.reviews",
                "(accepted: reviews stays small: one row per pull request)");
        JsonNode sarif = ReportChecks.validSarif(reports.resolve("rls-testkit.sarif"));
        assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("warning");
        assertThat(sarif.at("/runs/0/results/0/suppressions/0/justification").asText())
                .isEqualTo("reviews stays small: one row per pull request");
    }

    private static List<String> testCases(Document junit) {
        List<String> names = new ArrayList<>();
        NodeList cases = junit.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            names.add(testCase.getAttribute("classname") + " / " + testCase.getAttribute("name"));
        }
        return names;
    }

    private static List<String> failures(Document junit) {
        List<String> names = new ArrayList<>();
        NodeList failures = junit.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            Element testCase = (Element) failures.item(i).getParentNode();
            names.add(testCase.getAttribute("classname") + " / " + testCase.getAttribute("name"));
        }
        return names;
    }
}
