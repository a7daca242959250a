package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code init} proposes a configuration from the migrated catalog, which {@code check} then runs as it is, with flags
 * that win over the file's fields.
 */
class InitCommandTest {

    @Test
    void writesACommentedConfigurationFromWhatThePoliciesUse(@TempDir Path folder) throws Exception {
        // GIVEN
        Path config = folder.resolve("rls-testkit.yaml");
        Path project = Cli.PROJECTS.resolve("flyway/sound");

        // WHEN
        Cli.Run init = Cli.run("init", "--migrations", project.resolve("db/migrations").toString(),
                "--seed", project.resolve("db/seed.sql").toString(), "--output", config.toString());

        // THEN
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.out()).contains("(2 tables with row-level security, policy roles [app_user], settings"
                + " [app.current_installation_id])");
        String yaml = Files.readString(config);
        assertThat(yaml).startsWith("# yaml-language-server: $schema=./rls-testkit.schema.json\n")
                .contains("# Tables with row-level security: public.repositories, public.reviews\n",
                        "\ntenantColumn: \"installation_id\"\n",
                        "\ntenantRole: \"app_user\"\n",
                        "\ntenantSetting: \"app.current_installation_id\"\n",
                        "\nworkerRole: \"app_worker\"\n",
                        "\nseed: \"");
        assertThat(folder.resolve("rls-testkit.schema.json")).exists();
        assertThat(ReportChecks.schemaErrors("/rls-testkit.schema.json", SpecVersion.VersionFlag.V7,
                new ObjectMapper(new YAMLFactory()).readTree(config.toFile()))).isEmpty();

        // AND check runs the file as it is, the flags winning over its fields (reportDir) and its defaults (reports)
        Path reports = folder.resolve("reports");
        Cli.Run check = Cli.run("check", "--config", config.toString(), "--report-dir", reports.toString(),
                "--reports", "junit");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(check.out()).contains("[x] reviews: 16 probes held", "PROVED");
        assertThat(folder.resolve("build")).as("the file's reportDir, which --report-dir overrides").doesNotExist();
        try (var written = Files.list(reports)) {
            assertThat(written.map(file -> file.getFileName().toString())).containsExactly("TEST-rls-testkit.xml");
        }

        Cli.Run again = Cli.run("init", "--migrations", project.resolve("db/migrations").toString(), "--output",
                config.toString());
        ConfigurationErrorTest.assertUserError(again, "Expecting no file at " + config + ", but there is one.");
    }

    @Test
    void writesTheExpressionThePoliciesCompareWithTheTenantSoThatCheckRunsTheFileAsItIs(@TempDir Path folder)
            throws Exception {
        // GIVEN the Alembic export: documents compares workspace_id, uploads only split_part(path, ...)
        Path config = folder.resolve("rls-testkit.yaml");
        Path project = Cli.PROJECTS.resolve("alembic/sound");

        // WHEN
        Cli.Run init = Cli.run("init", "--migrations", project.resolve("db/rls").toString(), "--format", "sql",
                "--roles", "app_user", "--seed", project.resolve("db/seed.sql").toString(),
                "--row", "documents:code=${tenant.key}-0042", "--output", config.toString());

        // THEN
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(Files.readString(config)).contains("\nformat: \"sql\"\n", "\nroles: [\"app_user\"]\n",
                "\ntenantColumn: \"workspace_id\"\n", "\ntenantRole: \"app_user\"\n",
                "\ntenantSetting: \"app.current_workspace_id\"\n",
                "\n# Read from the policies, which compare each with the tenant's identity.\ntenantExpressions:\n"
                        + "  \"public.uploads\": \"split_part(path, '/'::text, 1)\"\n");
        assertThat(ReportChecks.schemaErrors("/rls-testkit.schema.json", SpecVersion.VersionFlag.V7,
                new ObjectMapper(new YAMLFactory()).readTree(config.toFile()))).isEmpty();

        // AND check runs the file as init wrote it
        Cli.Run check = Cli.run("check", "--config", config.toString(), "--report-dir",
                folder.resolve("reports").toString());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(check.out()).contains("[x] documents: 12 probes held",
                "[x] uploads (tenant: split_part(path, '/'::text, 1)): 8 probes held");
    }

    @Test
    void leavesALineToFillWhereThePoliciesCompareNoExpressionOrSeveralAndKeepsWhatItWasGiven(@TempDir Path folder)
            throws Exception {
        // GIVEN tables whose policies compare no column as it is: one expression, none, two, and two given as flags
        Settings settings = new Settings();
        settings.migrations = folder.resolve("db").toString();
        settings.tenantExpressions = Map.of("public.exports", "left(key, 36)");
        settings.tenantColumns = Map.of("archives", "workspace_id");
        Map<String, Set<String>> read = new LinkedHashMap<>();
        read.put("public.uploads", Set.of("split_part(path, '/'::text, 1)"));
        read.put("public.upload_tags", Set.of());
        read.put("public.files", new LinkedHashSet<>(List.of("split_part(path, '/'::text, 1)", "left(path, 36)")));
        read.put("public.exports", Set.of("split_part(key, '/'::text, 1)"));
        read.put("public.archives", Set.of("split_part(path, '/'::text, 1)"));
        PolicyCatalog.Facts facts = new PolicyCatalog.Facts(List.of(), List.of("app_user"),
                List.of("app.current_workspace_id"), "workspace_id", List.of(), read);

        // WHEN
        String yaml = InitCommand.text(settings, facts, folder);

        // THEN
        assertThat(yaml).contains("# Read from the policies, which compare each with the tenant's identity.\n"
                + "# The policies of public.upload_tags compare no column as it is, nor an expression of its columns"
                + " with a setting or a claim: give its tenant below, its column in tenantColumns, or leave it out"
                + " where it reaches its tenant through a foreign key.\n"
                + "# The policies of public.files compare no column as it is, but several expressions with a setting"
                + " or a claim (split_part(path, '/'::text, 1); left(path, 36)): give its tenant below, its column in"
                + " tenantColumns, or leave it out where it reaches its tenant through a foreign key.\n"
                + "tenantExpressions:\n"
                + "  \"public.exports\": \"left(key, 36)\"\n"
                + "  \"public.uploads\": \"split_part(path, '/'::text, 1)\"\n"
                + "#   \"public.upload_tags\": \"\"\n"
                + "#   \"public.files\": \"\"\n\n");
        assertThat(yaml.split("\ntenantExpressions:", -1)).as("the expressions given are written once, above")
                .hasSize(2);
        assertThat(ReportChecks.schemaErrors("/rls-testkit.schema.json", SpecVersion.VersionFlag.V7,
                new ObjectMapper(new YAMLFactory()).readTree(yaml))).isEmpty();

        // AND where it reads none, the block stays a comment
        Settings bare = new Settings();
        bare.migrations = settings.migrations;
        String none = InitCommand.text(bare, new PolicyCatalog.Facts(List.of(), List.of(), List.of(),
                null, List.of(), Map.of("public.upload_tags", Set.of())), folder);
        assertThat(none).contains("\n# tenantExpressions:\n#   \"public.upload_tags\": \"\"\n\n");
    }

    @Test
    void aSupabaseProjectsFileKeepsThePresetAndTheFlagsGivenAndChecksAsItIs(@TempDir Path folder) throws Exception {
        // GIVEN
        Path config = folder.resolve("rls-testkit.yaml");
        Path project = Cli.PROJECTS.resolve("supabase/sound/supabase");

        // WHEN
        Cli.Run init = Cli.run("init", "--supabase", "--format", "supabase", "--tenant-column", "user_id",
                "--migrations", project.resolve("migrations").toString(), "--seed", project.resolve("seed.sql")
                        .toString(), "--exclude", "notes:TRUNCATE", "--output", config.toString());

        // THEN
        assertThat(init.exitCode()).as(init.toString()).isZero();
        String yaml = Files.readString(config);
        assertThat(yaml).contains("\nsupabase: true\n", "\n# tenantRole: \n", "\ntenantColumn: \"user_id\"\n",
                "\n# Given to init as flags.\nexclude:\n- \"notes:TRUNCATE\"\n");
        assertThat(ReportChecks.schemaErrors("/rls-testkit.schema.json", SpecVersion.VersionFlag.V7,
                new ObjectMapper(new YAMLFactory()).readTree(config.toFile()))).isEmpty();
        Cli.Run check = Cli.run("check", "--config", config.toString());
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(check.out()).as("TRUNCATE left out, as the file says").contains("[x] notes: 10 probes held");
    }
}
