package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
    void keepsTheFormatAndRolesItWasGivenAndNamesTheTablesWhoseTenantIsAnExpression(@TempDir Path folder)
            throws Exception {
        // GIVEN the Alembic export: documents compares workspace_id, uploads only split_part(path, ...)
        Path config = folder.resolve("rls-testkit.yaml");
        Path project = Cli.PROJECTS.resolve("alembic/sound");

        // WHEN
        Cli.Run init = Cli.run("init", "--migrations", project.resolve("db/rls").toString(), "--format", "sql",
                "--roles", "app_user", "--output", config.toString());

        // THEN
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(Files.readString(config)).contains("\nformat: \"sql\"\n", "\nroles: [\"app_user\"]\n",
                "\ntenantColumn: \"workspace_id\"\n", "\ntenantRole: \"app_user\"\n",
                "\ntenantSetting: \"app.current_workspace_id\"\n",
                "# The policies of public.uploads compare no column as it is: give each its tenant here, or its"
                        + " column in tenantColumns.\n");
        assertThat(ReportChecks.schemaErrors("/rls-testkit.schema.json", SpecVersion.VersionFlag.V7,
                new ObjectMapper(new YAMLFactory()).readTree(config.toFile()))).isEmpty();
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
