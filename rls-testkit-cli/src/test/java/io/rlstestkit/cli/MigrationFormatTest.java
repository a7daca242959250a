package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SpecVersion;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folders of other tools, read where they are as the kit reads them: an Alembic offline export
 * ({@code alembic upgrade head --sql}) as a plain SQL folder, and a Supabase project's migrations, named by
 * {@code --format} or told by the kit from the file names. Each passes on its sound schema and fails, exit 1 with the
 * leak named, on its broken one; neither has down scripts, and the report says so rather than pass a round trip. The
 * Alembic project has a table whose tenant is an expression ({@code tenantExpressions}, {@code --tenant-expression}).
 */
class MigrationFormatTest {

    private static final Path ALEMBIC = Cli.PROJECTS.resolve("alembic");
    private static final Path SUPABASE = Cli.PROJECTS.resolve("supabase");

    @Test
    void anAlembicExportIsReadAsASqlFolderWithATableWhoseTenantIsAnExpression(@TempDir Path reports)
            throws Exception {
        // GIVEN uploads, whose tenant is the first folder of its path, and documents, whose check wants a code: in the
        // sound project's file, tenantExpressions and rows; for the broken one, --tenant-expression and --row
        Path config = ALEMBIC.resolve("sound/rls-testkit.yaml");
        assertThat(ReportChecks.schemaErrors("/rls-testkit.schema.json", SpecVersion.VersionFlag.V7,
                new ObjectMapper(new YAMLFactory()).readTree(config.toFile()))).isEmpty();

        // WHEN
        Cli.Run sound = Cli.run("check", "--config", config.toString());
        Cli.Run broken = alembic("broken", "--format", "sql", "--tenant-expression", "uploads=split_part(path, '/', 1)",
                "--row", "documents:code=${tenant.key}-0042", "--report-dir", reports.toString());

        // THEN
        assertThat(sound.exitCode()).as(sound.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(sound.out()).contains("[x] documents: 12 probes held",
                "[x] uploads (tenant: split_part(path, '/', 1)): 8 probes held",
                "no round trip: sql-folder migrations have no down scripts: nothing to undo");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(broken.out()).contains("ERROR PERMISSIVE_TRUE public.documents",
                "[x] uploads (tenant: split_part(path, '/', 1)): 8 probes held",
                "FAILED documents: b cannot SELECT rows of a");
        assertThat(ruleIds(ReportChecks.validSarif(reports.resolve("rls-testkit.sarif"))))
                .contains("PERMISSIVE_TRUE error upgrade.sql", "DENY_MATRIX error upgrade.sql")
                .allMatch(result -> result.endsWith(" upgrade.sql"));
        assertThat(ReportChecks.junitXml(reports.resolve("TEST-rls-testkit.xml")).getDocumentElement()
                .getAttribute("failures")).isNotEqualTo("0");
    }

    @Test
    void aSupabaseFolderPassesSoundNamedByItsFormatAndFailsBrokenWithTheOneLineCommand(@TempDir Path reports)
            throws Exception {
        Cli.Run sound = Cli.run("check", "--supabase", "--format", "supabase", "--tenant-column", "user_id",
                "--migrations", SUPABASE.resolve("sound/supabase/migrations").toString(),
                "--seed", SUPABASE.resolve("sound/supabase/seed.sql").toString());
        assertThat(sound.exitCode()).as(sound.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(sound.out()).contains("[x] notes: 12 probes held",
                "no round trip: supabase migrations have no down scripts: nothing to undo");

        // WHEN a Node team's one line: no format, no seed, no tenant column (read from the policies)
        Cli.Run broken = Cli.run("check", "--supabase", "--migrations",
                SUPABASE.resolve("broken/supabase/migrations").toString(), "--report-dir", reports.toString());

        // THEN
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(broken.out()).contains("[!] notes (tenant column user_id, read from policy own notes): 2 of 12"
                + " probes failed", "ERROR PERMISSIVE_TRUE public.notes", "FAILED notes: b cannot SELECT rows of a");
        assertThat(ruleIds(ReportChecks.validSarif(reports.resolve("rls-testkit.sarif")))).containsExactly(
                "PERMISSIVE_TRUE error 20240501120000_notes.sql", "MULTIPLE_PERMISSIVE_POLICIES note"
                        + " 20240501120000_notes.sql", "DENY_MATRIX error 20240501120000_notes.sql",
                "DENY_MATRIX error 20240501120000_notes.sql");
        assertThat(ReportChecks.junitXml(reports.resolve("TEST-rls-testkit.xml")).getDocumentElement()
                .getAttribute("failures")).isEqualTo("3");
    }

    /** Each result of a SARIF report: its rule, level and the file name of its location. */
    static java.util.List<String> ruleIds(JsonNode sarif) {
        java.util.List<String> results = new java.util.ArrayList<>();
        sarif.at("/runs/0/results").forEach(result -> {
            String uri = result.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
            results.add(result.get("ruleId").asText() + " " + result.get("level").asText() + " "
                    + uri.substring(uri.lastIndexOf('/') + 1));
        });
        return results;
    }

    @Test
    void aTenantExpressionOrARowValueWithoutItsPartsIsRefusedByName() {
        Cli.Run expression = alembic("sound", "--format", "sql", "--tenant-expression", "uploads= ");
        ConfigurationErrorTest.assertUserError(expression, "Expecting --tenant-expression TABLE=EXPRESSION"
                + " (tenantExpressions in rls-testkit.yaml) to give each table the SQL expression of its tenant, but"
                + " uploads has none.");

        Cli.Run row = alembic("sound", "--format", "sql", "--row", "documents=abc-0001");
        ConfigurationErrorTest.assertUserError(row, "Expecting --row TABLE:COLUMN=VALUE, but was 'documents=abc-0001'.");
    }

    @Test
    void aFormatTheKitDoesNotKnowIsRefusedByName() {
        Cli.Run run = alembic("sound", "--format", "alembic");
        ConfigurationErrorTest.assertUserError(run, "Expecting a migration format that this version reads"
                + " (auto, dbmate, drizzle, flyway, golang-migrate, liquibase, prisma, sql, sql-folder, supabase),"
                + " but was 'alembic'.");
    }

    private static Cli.Run alembic(String project, String... more) {
        return alembicAt(ALEMBIC.resolve(project).resolve("db/rls"), project, more);
    }

    private static Cli.Run alembicAt(Path migrations, String project, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("check", "--migrations", migrations.toString(),
                "--seed", ALEMBIC.resolve(project).resolve("db/seed.sql").toString(), "--roles", "app_user",
                "--tenant-column", "workspace_id", "--tenant-role", "app_user",
                "--tenant-setting", "app.current_workspace_id"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }
}
