package io.rlstestkit.internal.database;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.testing.ChildJvm;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of data directories across runs. Each run is a JVM of its own that runs a test class through the kit and
 * reports the cluster's system identifier (which {@code initdb} makes up anew each time, so the same one means the
 * initialised cluster came from the cache), when Flyway applied the migration (the same time means the migrated
 * template came from the cache), and the columns of the migrated table.
 */
class ClusterCacheTest {

    private static final Duration RUN = Duration.ofSeconds(180);

    @TempDir
    Path workspace;

    private Path cache;
    private Path migrations;

    @BeforeEach
    void copyTheMigrations() throws IOException {
        cache = workspace.resolve("cache");
        migrations = Files.createDirectories(workspace.resolve("migrations"));
        try (InputStream in = getClass().getResourceAsStream("/fixtures/sound/V1__invoices.sql")) {
            Files.copy(in, migrations.resolve("V1__invoices.sql"));
        }
    }

    @Test
    void aSecondRunReusesTheInitialisedClusterAndTheMigratedTemplate() throws Exception {
        Run first = run();
        Run second = run();

        assertThat(second.systemIdentifier()).as("the cluster of the second run").isEqualTo(first.systemIdentifier());
        assertThat(second.migratedAt()).as("when the second run's template was migrated")
                .isEqualTo(first.migratedAt());
        assertThat(entries(ClusterCache.CLUSTERS)).hasSize(1);
        assertThat(entries(ClusterCache.TEMPLATES)).hasSize(1);
    }

    @Test
    void anEditedMigrationIsPickedUpOnTheNextRun() throws Exception {
        Run first = run();
        Files.writeString(migrations.resolve("V1__invoices.sql"), "\nALTER TABLE invoices ADD COLUMN edited text;\n",
                StandardOpenOption.APPEND);

        Run second = run();

        assertThat(first.columns()).doesNotContain("edited");
        assertThat(second.columns()).as("the columns after the migration was edited").contains("edited");
        assertThat(second.migratedAt()).as("when the edited migration was applied").isNotEqualTo(first.migratedAt());
        assertThat(second.systemIdentifier()).as("the initialised cluster, which the edit does not concern")
                .isEqualTo(first.systemIdentifier());
        assertThat(entries(ClusterCache.TEMPLATES)).as("one template entry per version of the migrations").hasSize(2);
    }

    @Test
    void twoJvmsStartingAtOnceShareTheCacheSafely() throws Exception {
        try (ChildJvm one = start(Map.of()); ChildJvm two = start(Map.of())) {
            Run first = Run.of(one);
            Run second = Run.of(two);
            assertThat(first.columns()).isEqualTo(second.columns());
        }
        Run third = run();

        assertThat(entries(ClusterCache.CLUSTERS)).hasSize(1);
        assertThat(entries(ClusterCache.TEMPLATES)).hasSize(1);
        assertThat(third.output()).doesNotContain("rls-testkit cache:");
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".incomplete"));
        }
    }

    @Test
    void aDamagedEntryIsRebuiltWithOneLineOfExplanation() throws Exception {
        Run first = run();
        Path cluster = entries(ClusterCache.CLUSTERS).get(0);
        Path control = cluster.resolve("data/global/pg_control");
        Files.write(control, new byte[(int) Files.size(control)]); // same size: only PostgreSQL notices
        Path template = entries(ClusterCache.TEMPLATES).get(0);
        Files.writeString(template.resolve("data/PG_VERSION"), "99\n");

        Run second = run();

        assertThat(second.output().lines().filter(line -> line.startsWith("rls-testkit cache:"))).containsExactly(
                "rls-testkit cache: rebuilding templates entry " + template.getFileName() + " (" + cache.resolve("v1")
                        + "): its data is of PostgreSQL 99, not 17",
                "rls-testkit cache: rebuilding clusters entry " + cluster.getFileName() + " (" + cache.resolve("v1")
                        + "): PostgreSQL did not start from it: java.io.IOException: Gave up waiting for server to"
                        + " start after 20000ms");
        assertThat(second.systemIdentifier()).as("a cluster made by initdb again").isNotEqualTo(first.systemIdentifier());
        Run third = run();
        assertThat(third.systemIdentifier()).as("the rebuilt entry, used").isEqualTo(second.systemIdentifier());
        assertThat(third.migratedAt()).isEqualTo(second.migratedAt());
        assertThat(third.output()).doesNotContain("rls-testkit cache:");
    }

    @Test
    void anIncompleteEntryOrOneOfAnotherFormatIsRebuilt() throws Exception {
        run();
        Path cluster = entries(ClusterCache.CLUSTERS).get(0);
        Path template = entries(ClusterCache.TEMPLATES).get(0);
        Files.delete(template.resolve("data/global/pg_control"));
        Files.writeString(cluster.resolve(ClusterCache.PROPERTIES), "format=0\n");

        Run second = run();

        assertThat(second.output().lines().filter(line -> line.startsWith("rls-testkit cache:"))).containsExactly(
                "rls-testkit cache: rebuilding templates entry " + template.getFileName() + " (" + cache.resolve("v1")
                        + "): its file global/pg_control is missing",
                "rls-testkit cache: rebuilding clusters entry " + cluster.getFileName() + " (" + cache.resolve("v1")
                        + "): it is of format 0, not 1");
        assertThat(Files.readString(cluster.resolve(ClusterCache.PROPERTIES))).contains("format=1");
        assertThat(template.resolve("data/global/pg_control")).isRegularFile();
    }

    @Test
    void theCacheIsOffWithOneProperty() throws Exception {
        Run first = run(Map.of(ClusterCache.ENABLED_KEY, "false"));
        Run second = run(Map.of(ClusterCache.ENABLED_KEY, "false"));

        assertThat(second.systemIdentifier()).isNotEqualTo(first.systemIdentifier());
        assertThat(cache).doesNotExist();
    }

    private Run run() throws InterruptedException {
        return run(Map.of());
    }

    private Run run(Map<String, String> properties) throws InterruptedException {
        try (ChildJvm child = start(properties)) {
            Run run = Run.of(child);
            assertThat(child.awaitExit(RUN)).as("exit status; output:%n%s", child.output()).isZero();
            return new Run(run.systemIdentifier(), run.migratedAt(), run.columns(), child.output());
        }
    }

    private ChildJvm start(Map<String, String> properties) {
        ChildJvm.Builder builder = ChildJvm.builder(Child.class)
                .systemProperty(ClusterCache.DIRECTORY_KEY, cache.toString())
                .systemProperty(Child.MIGRATIONS, "filesystem:" + migrations);
        properties.forEach(builder::systemProperty);
        return builder.start();
    }

    private List<Path> entries(String kind) throws IOException {
        try (Stream<Path> children = Files.list(cache.resolve("v1").resolve(kind))) {
            return children.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** What a run reported. */
    private record Run(String systemIdentifier, String migratedAt, String columns, String output) {

        static Run of(ChildJvm child) throws InterruptedException {
            String[] reported = child.awaitLine(Child.REPORT, RUN).split("\\|");
            return new Run(reported[0], reported[1], reported[2], child.output());
        }
    }

    /** A run: the fixture class, through the kit. */
    static final class Child {

        static final String REPORT = "CLUSTER ";
        static final String MIGRATIONS = "rlstestkit.migrations";

        public static void main(String[] args) {
            EngineExecutionResults results = Fixtures.run(CacheFixture.class,
                    Map.of(MIGRATIONS, System.getProperty(MIGRATIONS)));
            if (results.testEvents().succeeded().count() != 1) {
                results.allEvents().debug(System.out);
                System.exit(3);
            }
        }
    }

    /** Reports the cluster's identity, when the migration was applied, and the migrated table's columns. */
    @Fixture
    @RlsTest(migrations = "classpath:fixtures/sound", seed = "classpath:fixtures/seed/tenant.sql",
            tenantRole = "app_user", workerRole = "app_worker")
    static class CacheFixture {

        @Test
        void reports(@AsOwner RlsSession owner) {
            Object identifier = owner.query("SELECT system_identifier AS id FROM pg_control_system()").get(0).get("id");
            Object migrated = owner.query("SELECT max(installed_on)::text AS at FROM flyway_schema_history").get(0)
                    .get("at");
            Object columns = owner.query("SELECT string_agg(column_name, ',' ORDER BY column_name) AS names"
                    + " FROM information_schema.columns WHERE table_name = 'invoices'").get(0).get("names");
            Object rows = owner.query("SELECT count(*) AS n FROM invoices").get(0).get("n");
            assertThat(rows).as("the seeded invoices of both tenants").isEqualTo(6L);
            System.out.println(Child.REPORT + identifier + "|" + migrated + "|" + columns);
            System.out.flush();
        }
    }
}
