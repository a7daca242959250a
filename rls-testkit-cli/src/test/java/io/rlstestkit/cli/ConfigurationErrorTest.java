package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's mistake ends in exit code 2 and a message that says what to do, never a stack trace. */
class ConfigurationErrorTest {

    @Test
    void aMigrationThatFailsIsAConfigurationErrorWithTheServersMessage() {
        // WHEN
        Cli.Run run = Cli.checkFlyway("failing-migration", null);

        // THEN
        assertUserError(run, "relation \"reviewz\" does not exist");
    }

    @Test
    void aMissingFolderIsNamed() {
        Cli.Run run = Cli.run("check", "--migrations", "no/such/folder", "--tenant-role", "app_user");

        assertUserError(run, "rls-testkit: Expecting a folder of migrations at ");
        assertThat(run.err()).contains("no/such/folder, but there is no such folder.");
    }

    @Test
    void theTenantRoleIsRequiredUnlessThePresetIsSupabase() {
        Cli.Run run = Cli.run("check", "--migrations", Cli.PROJECTS.resolve("flyway/sound/db/migrations")
                .toString());

        assertUserError(run, "Expecting the role of the tenant scopes, but none was given.\nPass --tenant-role ROLE");
    }

    @Test
    void anUnknownFieldOfTheConfigurationFileIsNamedWithItsLine(@TempDir Path folder) throws Exception {
        Path config = folder.resolve("rls-testkit.yaml");
        Files.writeString(config, "migrations: db\ntenantRoel: app_user\n");
        Files.createDirectories(folder.resolve("db"));

        Cli.Run run = Cli.run("check", "--config", config.toString());

        assertUserError(run, "Expecting only known fields in " + config + ", but found 'tenantRoel' (line 2).\n"
                + "Known fields: accept, exclude, failOn, format, jdbcUrl, migrations,");
    }

    @Test
    void aBadFailOnAndAnUnknownFlagAreRefused() {
        Cli.Run failOn = Cli.checkFlyway("sound", null, "--fail-on", "critical");
        assertUserError(failOn, "Expecting --fail-on to be error, warning or info, but was 'critical'.");

        Cli.Run flag = Cli.run("check", "--migration", "db");
        assertThat(flag.exitCode()).isEqualTo(CheckResult.CONFIGURATION_ERROR);
        assertThat(flag.err()).contains("Unknown options: '--migration', 'db'\nPossible solutions: --migrations");
    }

    @Test
    void aCommandIsRequired() {
        Cli.Run run = Cli.run();

        assertUserError(run, "rls-testkit: Expecting a command, check or init, but none was given.\nUsage: rls-testkit");
    }

    @Test
    void aMissingSeedIsNamed() {
        Cli.Run run = Cli.run("check", "--migrations", Cli.PROJECTS.resolve("flyway/sound/db/migrations").toString(),
                "--tenant-role", "app_user", "--seed", "no-seed.sql");

        assertUserError(run, "Expecting a seed script at ");
        assertThat(run.err()).contains("no-seed.sql, but there is no such file.");
    }

    @Test
    void migrationsThatLeaveNothingToProveAreAnErrorNotAPass() {
        Cli.Run run = Cli.checkFlyway("no-rls", null, "--roles", "app_user,app_worker");

        assertUserError(run, "Expecting tables with the tenant column (installation_id) or with row-level security"
                + " after migrating src/test/resources/projects/flyway/no-rls/db/migrations, but there are none.\n"
                + "Check the folder and its format (--format: auto, dbmate, drizzle, flyway, golang-migrate, liquibase,"
                + " prisma, sql, sql-folder, supabase), and --tenant-column.");
    }

    @Test
    void aFolderOfPlainSqlLeftToTheKitsDetectionIsNamedAsTheUserGaveItWithTheFormatToName() {
        Cli.Run run = Cli.run("check", "--migrations", "src/test/resources/projects/alembic/sound/db/rls",
                "--tenant-role", "app_user");

        assertUserError(run, "rls-testkit: Expecting Flyway migrations (V<version>__<description>.sql) at"
                + " src/test/resources/projects/alembic/sound/db/rls, but Flyway found none there.\nAdd the migrations,"
                + " or point --migrations at the folder that holds them.\nNot Flyway's? Name the tool that wrote the"
                + " folder with --format: sql for plain SQL files (an Alembic export, alembic upgrade head --sql), or"
                + " one of dbmate, drizzle, flyway, golang-migrate, liquibase, prisma, sql-folder, supabase.");
    }

    @Test
    void aRoleTheMigrationsGrantToButDoNotCreateIsNamedWithTheFlagThatCreatesIt() {
        Cli.Run run = Cli.run("check", "--migrations", "src/test/resources/projects/alembic/sound/db/rls",
                "--format", "sql", "--tenant-role", "app_user", "--tenant-column", "workspace_id");

        assertUserError(run, "rls-testkit: Expecting every migration to apply, but upgrade.sql failed at line");
        assertThat(run.err()).contains("ERROR: role \"app_user\" does not exist (SQLSTATE 42704)\n"
                + "  statement: GRANT SELECT ON workspaces TO app_user\nFix the migration.\nWhere the migrations grant"
                + " to a role that something else creates (a deploy script, the platform), pass --roles app_user (roles"
                + " in rls-testkit.yaml): it is created, NOLOGIN, before migrating.");
    }

    static void assertUserError(Cli.Run run, String message) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.CONFIGURATION_ERROR);
        assertThat(run.err()).as(run.toString()).contains(message).doesNotContain("\tat ", "Exception");
    }
}
