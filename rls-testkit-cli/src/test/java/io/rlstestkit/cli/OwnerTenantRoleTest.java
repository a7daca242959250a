package io.rlstestkit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that connects as its tables' owner, with FORCE ROW LEVEL SECURITY on each table (Prisma's
 * row-level-security example): the tenant role is the owner, which the migrations run as.
 */
class OwnerTenantRoleTest {

    private static final Path PROJECT = Cli.PROJECTS.resolve("prisma-owner");

    @Test
    void theOwnerIsTheTenantRoleWhereEveryTableIsForced() {
        // WHEN
        Cli.Run run = check("--owner-role", "app_owner", "--tenant-role", "app_owner");

        // THEN
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(run.out()).contains("Audit: 0 findings", "[x] companies: 12 probes held",
                "[x] users: 12 probes held");
    }

    @Test
    void aPrismaFolderRunsAsTheOwnerRoleToo(@TempDir Path folder) throws Exception {
        // GIVEN the same migration, as Prisma lays it out
        Path migration = folder.resolve("prisma/migrations/20240101000000_init/migration.sql");
        Files.createDirectories(migration.getParent());
        Files.copy(PROJECT.resolve("db/migrations/V1__companies.sql"), migration);

        // WHEN
        Cli.Run run = Cli.run("check", "--migrations", folder.resolve("prisma/migrations").toString(),
                "--format", "prisma", "--seed", PROJECT.resolve("db/seed.sql").toString(),
                "--tenant-setting", "app.current_company_id", "--tenant-column", "company_id",
                "--tenant-columns", "companies=id", "--owner-role", "app_owner", "--tenant-role", "app_owner");

        // THEN
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.PROVED);
    }

    @Test
    void theKitsOwnSuperuserAsTheTenantRoleIsRefusedSayingHowToTestAsTheOwner() {
        // WHEN
        Cli.Run run = check("--tenant-role", "postgres");

        // THEN
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(run.out()).contains("Let the application connect as a role without it (ALTER ROLE postgres"
                + " NOBYPASSRLS NOSUPERUSER), or configure that role as the tenant role.\n    Where the application"
                + " connects as its tables' owner, with FORCE ROW LEVEL SECURITY on each table, pass --owner-role ROLE"
                + " --tenant-role ROLE (ownerRole and tenantRole in rls-testkit.yaml), ROLE a role without SUPERUSER:"
                + " the migrations run as ROLE, which then owns the tables and is subject to their policies.");
    }

    @Test
    void initKeepsTheOwnerRoleInTheFileAndCheckRunsAsItWasGiven(@TempDir Path folder) throws Exception {
        // GIVEN
        Path config = folder.resolve("rls-testkit.yaml");

        // WHEN
        Cli.Run init = Cli.run("init", "--migrations", PROJECT.resolve("db/migrations").toString(), "--seed",
                PROJECT.resolve("db/seed.sql").toString(), "--owner-role", "app_owner", "--tenant-role", "app_owner",
                "--tenant-column", "company_id", "--tenant-columns", "companies=id", "--output", config.toString());
        Cli.Run check = Cli.run("check", "--config", config.toString());

        // THEN
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(Files.readString(config)).contains("\nownerRole: \"app_owner\"\n", "\ntenantRole: \"app_owner\"\n");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(CheckResult.PROVED);
    }

    private static Cli.Run check(String... roles) {
        List<String> args = new ArrayList<>(List.of("check",
                "--migrations", PROJECT.resolve("db/migrations").toString(),
                "--seed", PROJECT.resolve("db/seed.sql").toString(), "--tenant-setting", "app.current_company_id",
                "--tenant-column", "company_id", "--tenant-columns", "companies=id"));
        args.addAll(List.of(roles));
        return Cli.run(args.toArray(String[]::new));
    }
}
