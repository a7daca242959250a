package io.rlstestkit.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.RlsTest;
import io.rlstestkit.TestSchemas;
import io.rlstestkit.internal.audit.Auditor;
import io.rlstestkit.internal.audit.Origins;
import io.rlstestkit.internal.audit.PolicyAudit;
import io.rlstestkit.internal.audit.SarifLog;
import io.rlstestkit.internal.audit.SarifWriter;
import io.rlstestkit.internal.migration.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * What the audit writes besides its assertion: a baseline of the findings a team already knows, so that only new ones
 * fail; and a SARIF log for code scanning, each result at the migration line that made its object.
 */
@RlsTest(migrations = {TestSchemas.SOUND, TestSchemas.AUDIT}, seed = TestSchemas.SEED, tenantRole = "app_user")
class AuditReportsTest {

    @Test
    void aBaselineFailsOnlyOnFindingsItDoesNotList(RlsAudit audit, @TempDir Path directory) throws IOException {
        // GIVEN a baseline written with every finding, then edited: one finding left out, one line no finding matches
        Path file = directory.resolve("rls-audit-baseline.txt");
        writing(audit.findings()).assertNoNewFindings(file.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(lines).contains("ERROR RLS_DISABLED public.notes", "INFO CASCADE_BYPASSES_RLS public.invoice_lines");
        lines.remove("ERROR RLS_DISABLED public.notes");
        lines.add("WARNING NO_POLICY public.gone");
        Files.write(file, lines, StandardCharsets.UTF_8);
        // WHEN
        Throwable failure = catchThrowable(() -> audit.assertNoNewFindings(file.toString()));
        // THEN
        Finding notes = audit.findings().stream().filter(f -> f.code().equals(RlsAudit.RLS_DISABLED)).findFirst()
                .orElseThrow();
        assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("\nExpecting no row-level security audit"
                + " findings beyond those in " + file + ", but found 1 new:\n  " + notes + "\nIn the baseline but no"
                + " longer found, fixed since (1):\n  NO_POLICY public.gone\nFix each new finding, or accept one that"
                + " is by design, with a justification: @AcceptFinding(code = \"...\", object = \"...\", because ="
                + " \"...\"); to take every current finding as known, rewrite the baseline with"
                + " -Drlstestkit.audit.write-baseline=true.");
    }

    @Test
    void aBaselineThatListsEveryFindingPasses(RlsAudit audit, @TempDir Path directory) {
        Path file = directory.resolve("baseline.txt");
        writing(audit.findings()).assertNoNewFindings(file.toString());
        audit.assertNoNewFindings(file.toString());
    }

    @Test
    void aMissingBaselineFailsAndSaysHowToWriteIt(RlsAudit audit, @TempDir Path directory) {
        Path file = directory.resolve("none.txt");
        assertThat(catchThrowable(() -> audit.assertNoNewFindings(file.toString()))).hasMessage("\nExpecting the audit"
                + " baseline " + file + " (from " + Path.of("").toAbsolutePath() + "), but there is no such file."
                + " Write it with the findings known today: run the tests once with"
                + " -Drlstestkit.audit.write-baseline=true, review the file and commit it.");
    }

    @Test
    void sarifNamesEachRuleAndPutsEachResultAtTheMigrationLineThatMadeItsObject(RlsAudit audit) {
        Origins origins = Origins.of(MigrationFiles.scan(List.of(TestSchemas.SOUND, TestSchemas.AUDIT),
                getClass().getClassLoader(), List.of(".sql")), Path.of(""));
        Finding notes = audit.findings().get(0);
        Finding comments = audit.findings().get(2);
        assertThat(origins.of(notes)).contains(new Origins.Origin(
                "src/test/resources/fixtures/audit/V100__one_finding_per_object.sql", 12));
        assertThat(origins.of(comments)).contains(new Origins.Origin(
                "src/test/resources/fixtures/audit/V100__one_finding_per_object.sql", 57));

        String sarif = SarifWriter.write(List.of(notes, comments.acceptedBecause("public comments")), origins::of,
                List.of("Left out of the isolation checks, shared by all tenants: public.settings."));

        assertThat(sarif).startsWith("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":"
                + "\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"rls-testkit\",\"rules\":[{\"id\":"
                + "\"RLS_DISABLED\",\"name\":\"RLS_DISABLED\",\"shortDescription\":{\"text\":\"A table with the"
                + " tenant column whose row-level security is off.\"}}")
                .contains("\"invocations\":[{\"executionSuccessful\":true,\"toolExecutionNotifications\":[{\"level\":"
                        + "\"note\",\"message\":{\"text\":\"Left out of the isolation checks, shared by all tenants:"
                        + " public.settings.\"}}]}]")
                .contains("{\"ruleId\":\"RLS_DISABLED\",\"ruleIndex\":0,\"level\":\"error\",\"message\":{\"text\":"
                        + "\"public.notes has the tenant column tenant_id but row-level security is off")
                .contains("\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":"
                        + "\"src/test/resources/fixtures/audit/V100__one_finding_per_object.sql\"},\"region\":"
                        + "{\"startLine\":12}},\"logicalLocations\":[{\"fullyQualifiedName\":\"public.notes\"}]}]")
                .contains("\"region\":{\"startLine\":57}")
                .contains("\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\",\"justification\":"
                        + "\"public comments\"}]")
                .endsWith("}]}\n");
        for (String code : RlsAudit.CODES) {
            assertThat(sarif).contains("{\"id\":\"" + code + "\",\"name\":\"" + code + "\",\"shortDescription\"");
        }
    }

    @Test
    void anObjectNoMigrationMadeHasNoPhysicalLocation(RlsAudit audit) {
        Origins origins = Origins.of(List.of(), Path.of(""));
        Finding notes = audit.findings().get(0);
        assertThat(origins.of(notes)).isEqualTo(Optional.empty());
        assertThat(SarifWriter.write(List.of(notes), origins::of, List.of())).contains("\"locations\":[{"
                + "\"logicalLocations\":[{\"fullyQualifiedName\":\"public.notes\"}]}]");
    }

    @Test
    void everyAuditIsWrittenToTheSarifFileBesideTheCoverageReport(RlsAudit audit) throws IOException {
        audit.findings();
        String sarif = Files.readString(Path.of("target/rls-testkit", SarifLog.FILE), StandardCharsets.UTF_8);
        assertThat(sarif).contains("\"ruleId\":\"RLS_DISABLED\"").contains("\"fullyQualifiedName\":\"public.notes\"");
    }

    @Test
    void theSarifLogIsValidAgainstTheSarif210Schema(RlsAudit audit) throws IOException {
        // GIVEN every finding of the fixture, one accepted, at its migration line, and a note
        Origins origins = Origins.of(MigrationFiles.scan(List.of(TestSchemas.SOUND, TestSchemas.AUDIT),
                getClass().getClassLoader(), List.of(".sql")), Path.of(""));
        List<Finding> findings = new ArrayList<>(audit.findings());
        findings.set(0, findings.get(0).acceptedBecause("notes are nobody's"));
        // WHEN
        String sarif = SarifWriter.write(findings, origins::of,
                List.of("Left out of the isolation checks, shared by all tenants: public.settings."));
        // THEN the log, and the file the run writes beside the coverage report, are valid SARIF 2.1.0
        assertThat(schemaErrors(JSON.readTree(sarif))).isEmpty();
        assertThat(schemaErrors(JSON.readTree(Path.of("target/rls-testkit", SarifLog.FILE).toFile()))).isEmpty();
        // and the schema check can fail: a level SARIF does not know is refused
        assertThat(schemaErrors(JSON.readTree(sarif.replace("\"level\":\"error\"", "\"level\":\"fatal\""))))
                .extracting(ValidationMessage::getMessage).isNotEmpty()
                .allMatch(message -> message.contains("level") && message.contains("enum"));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The violations of the SARIF 2.1.0 schema (as published by SchemaStore, vendored in the test resources). */
    private static Set<ValidationMessage> schemaErrors(JsonNode sarif) throws IOException {
        try (InputStream in = AuditReportsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
            return schema.validate(sarif);
        }
    }

    private static PolicyAudit writing(List<Finding> findings) {
        return new PolicyAudit(() -> new Auditor.Report(findings, List.of()), List.of(), report -> { }, true);
    }
}
