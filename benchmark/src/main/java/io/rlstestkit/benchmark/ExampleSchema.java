package io.rlstestkit.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A schema to benchmark on: migrations and a seed script in the repository, the roles and the setting its
 * policies use, and the table the assertions probe. Paths are relative to the repository root.
 *
 * @param name          the name the command line uses
 * @param migrations    the migration folder
 * @param seed          the seed script, run once per tenant
 * @param tenantRole    the role of the tenant scopes
 * @param tenantSetting the setting that carries the tenant id
 * @param workerRole    the role of the worker scope
 * @param table         the table the assertions probe
 */
record ExampleSchema(String name, String migrations, String seed, String tenantRole, String tenantSetting,
                     String workerRole, String table) {

    /** The example project of the EVF platform (four tables with row-level security). */
    static final ExampleSchema EVF_PLATFORM = new ExampleSchema("evf-platform",
            "examples/evf-platform/src/main/resources/db/migration",
            "examples/evf-platform/src/test/resources/db/seed/tenant.sql",
            "evf_app", "app.current_tenant", "evf_system", "evf");

    /** The kit's own sound fixture (invoices and payments). */
    static final ExampleSchema FIXTURE = new ExampleSchema("fixture",
            "rls-testkit/src/test/resources/fixtures/sound",
            "rls-testkit/src/test/resources/fixtures/seed/tenant.sql",
            "app_user", "app.current_tenant_id", "app_worker", "invoices");

    private static final List<ExampleSchema> ALL = List.of(EVF_PLATFORM, FIXTURE);

    /**
     * The schema a command line chooses: by name, or {@code auto} for the EVF platform where its migrations and
     * seed exist under the root, else the fixture.
     */
    static ExampleSchema choose(String choice, Path root) {
        ExampleSchema schema;
        if (choice.equals("auto")) {
            schema = EVF_PLATFORM.presentUnder(root) ? EVF_PLATFORM : FIXTURE;
        } else {
            schema = ALL.stream().filter(candidate -> candidate.name.equals(choice)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Expecting --schema to be auto, evf-platform or"
                            + " fixture, but got \"" + choice + "\"."));
        }
        if (!schema.presentUnder(root)) {
            throw new IllegalArgumentException("Expecting the " + schema.name + " schema's migrations at "
                    + schema.migrations + " and seed at " + schema.seed + " under the repository root "
                    + root.toAbsolutePath().normalize() + ", but they are not there. Run from the benchmark module"
                    + " (as the benchmark profile does), or point --root at the repository.");
        }
        return schema;
    }

    boolean presentUnder(Path root) {
        return Files.isDirectory(root.resolve(migrations)) && Files.isRegularFile(root.resolve(seed));
    }

    /** The Flyway location of the migrations: {@code filesystem:} and the folder under the root. */
    String migrationLocation(Path root) {
        return "filesystem:" + root.resolve(migrations).normalize();
    }

    /** The kit's location of the seed script. */
    String seedLocation(Path root) {
        return "filesystem:" + root.resolve(seed).normalize();
    }
}
