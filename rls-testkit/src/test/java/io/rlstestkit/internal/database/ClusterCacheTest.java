package io.rlstestkit.internal.database;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.testing.ChildJvm;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The cache of data directories across runs, as one cache sees a sequence of runs: each run is a JVM of its own that
 * runs fixture classes through the kit, and each fixture reports the cluster's system identifier (which {@code initdb}
 * makes up anew each time, so the same one means the initialised cluster came from the cache), when Flyway applied
 * the migration (the same time means the migrated template came from the cache), and the columns of the migrated
 * table. The steps run in order on one cache; each says what the cache holds after it.
 *
 * <p>The migrations make their role without a guard ({@code CREATE ROLE cache_user}), so that a cluster whose
 * migrations ran once cannot run them again: a kept cluster serves only the configuration it was kept for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterCacheTest {

    private static final Duration RUN = Duration.ofSeconds(180);

    private Path workspace;
    private Path cache;
    private Path migrations;
    private Report concurrentOne;
    private Report concurrentTwo;
    private String firstTemplate;
    private Run reused;
    private Run rebuilt;
    private Run afterFormat;

    @BeforeAll
    void copyTheMigrations(@TempDir Path workspace) throws IOException {
        this.workspace = workspace;
        cache = workspace.resolve("cache");
        migrations = Files.createDirectories(workspace.resolve("migrations"));
        try (InputStream in = getClass().getResourceAsStream("/fixtures/cache/V1__notes.sql")) {
            Files.copy(in, migrations.resolve("V1__notes.sql"));
        }
    }

    @Test
    @Order(1)
    void twoJvmsStartingAtOnceOnAnEmptyCacheShareItSafely() throws Exception {
        try (ChildJvm one = start(Map.of(), CacheFixture.class); ChildJvm two = start(Map.of(), CacheFixture.class)) {
            concurrentOne = Run.of(one).report(CacheFixture.class);
            concurrentTwo = Run.of(two).report(CacheFixture.class);
            assertThat(one.awaitExit(RUN)).as("exit status; output:%n%s", one.output()).isZero();
            assertThat(two.awaitExit(RUN)).as("exit status; output:%n%s", two.output()).isZero();
        }

        assertThat(concurrentOne.columns()).isEqualTo(concurrentTwo.columns()).isEqualTo("body,id,tenant_id");
        assertThat(entries(ClusterCache.CLUSTERS)).hasSize(1);
        assertThat(entries(ClusterCache.TEMPLATES)).hasSize(1);
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".incomplete"));
        }
        firstTemplate = entries(ClusterCache.TEMPLATES).get(0).getFileName().toString();
        assertThat(systemIdentifier(entries(ClusterCache.CLUSTERS).get(0)))
                .as("the initialised entry: made by an initdb of its own once a run's cluster stopped, not copied"
                        + " from a run's before its tests")
                .isNotIn(concurrentOne.systemIdentifier(), concurrentTwo.systemIdentifier());
    }

    @Test
    @Order(2)
    void aSecondRunReusesTheClusterAndTemplateAndASecondConfigurationOfTheSameMigrationsWorksBesideIt()
            throws Exception {
        List<String> sparesBefore = spares();

        reused = run(Map.of(), CacheFixture.class, OtherTenantsFixture.class);

        Report kept = reused.report(CacheFixture.class);
        assertThat(tuple(kept.systemIdentifier(), kept.migratedAt()))
                .as("the second run's cluster and when its template was migrated: those of a first run's")
                .isIn(tuple(concurrentOne.systemIdentifier(), concurrentOne.migratedAt()),
                        tuple(concurrentTwo.systemIdentifier(), concurrentTwo.migratedAt()));
        Report other = reused.report(OtherTenantsFixture.class);
        assertThat(other.migratedAt()).as("the other configuration, migrated on a cluster of its own")
                .isNotEqualTo(kept.migratedAt());
        assertThat(other.columns()).isEqualTo(kept.columns());
        assertThat(reused.output()).doesNotContain("rls-testkit cache:");
        assertThat(entries(ClusterCache.CLUSTERS)).hasSize(1);
        assertThat(entries(ClusterCache.TEMPLATES)).as("one template entry per configuration").hasSize(2);
        assertThat(sparesBefore).as("spare copies after the first runs").anyMatch(name -> name.startsWith(
                ClusterCache.TEMPLATES + "-" + firstTemplate + "-"));
        assertThat(spares()).as("the template's spare taken by the run, the next made after it")
                .doesNotContainAnyElementsOf(sparesBefore.stream().filter(name -> name.startsWith(
                        ClusterCache.TEMPLATES + "-" + firstTemplate + "-")).toList())
                .anyMatch(name -> name.startsWith(ClusterCache.TEMPLATES + "-" + firstTemplate + "-"));
    }

    @Test
    @Order(3)
    void aDamagedEntryIsRebuiltWithOneLineOfExplanation() throws Exception {
        Path cluster = entries(ClusterCache.CLUSTERS).get(0);
        Path control = cluster.resolve("data/global/pg_control");
        Files.write(control, new byte[(int) Files.size(control)]); // same size: only PostgreSQL notices
        Path template = templateEntry(firstTemplate);
        Files.writeString(template.resolve("data/PG_VERSION"), "99\n");
        dropSpares(); // intact copies of the entries, which the run would take instead

        rebuilt = run(Map.of(), CacheFixture.class);

        assertThat(rebuilt.cacheLines()).containsExactly(
                "rls-testkit cache: rebuilding templates entry " + firstTemplate + " (" + cache.resolve("v1")
                        + "): its data is of PostgreSQL 99, not 17",
                "rls-testkit cache: rebuilding clusters entry " + cluster.getFileName() + " (" + cache.resolve("v1")
                        + "): PostgreSQL did not start from it: java.io.IOException: PostgreSQL exited with status 1"
                        + " before it accepted connections");
        assertThat(rebuilt.report(CacheFixture.class).systemIdentifier()).as("a cluster made by initdb again")
                .isNotEqualTo(reused.report(CacheFixture.class).systemIdentifier());
    }

    @Test
    @Order(4)
    void theRebuiltEntriesServeTheNextRun() throws Exception {
        Run next = run(Map.of(), CacheFixture.class);

        assertThat(next.report(CacheFixture.class)).isEqualTo(rebuilt.report(CacheFixture.class));
        assertThat(next.output()).doesNotContain("rls-testkit cache:");
    }

    @Test
    @Order(5)
    void anIncompleteEntryOrOneOfAnotherFormatIsRebuilt() throws Exception {
        Path cluster = entries(ClusterCache.CLUSTERS).get(0);
        Path template = templateEntry(firstTemplate);
        Files.delete(template.resolve("data/global/pg_control"));
        Files.writeString(cluster.resolve(ClusterCache.PROPERTIES), "format=0\n");
        dropSpares();

        afterFormat = run(Map.of(), CacheFixture.class);

        assertThat(afterFormat.cacheLines()).containsExactly(
                "rls-testkit cache: rebuilding templates entry " + firstTemplate + " (" + cache.resolve("v1")
                        + "): its file global/pg_control is missing",
                "rls-testkit cache: rebuilding clusters entry " + cluster.getFileName() + " (" + cache.resolve("v1")
                        + "): it is of format 0, not 1");
        assertThat(Files.readString(cluster.resolve(ClusterCache.PROPERTIES))).contains("format=1");
        assertThat(template.resolve("data/global/pg_control")).isRegularFile();
    }

    @Test
    @Order(6)
    void anEditedMigrationIsPickedUpOnTheNextRun() throws Exception {
        Files.writeString(migrations.resolve("V1__notes.sql"), "\nALTER TABLE notes ADD COLUMN edited text;\n",
                StandardOpenOption.APPEND);

        Run edited = run(Map.of(), CacheFixture.class);

        Report before = afterFormat.report(CacheFixture.class);
        Report after = edited.report(CacheFixture.class);
        assertThat(before.columns()).doesNotContain("edited");
        assertThat(after.columns()).as("the columns after the migration was edited").contains("edited");
        assertThat(after.migratedAt()).as("when the edited migration was applied").isNotEqualTo(before.migratedAt());
        assertThat(after.systemIdentifier()).as("the cached initialised cluster, which the edit does not concern")
                .isEqualTo(systemIdentifier(entries(ClusterCache.CLUSTERS).get(0)));
        assertThat(edited.output()).doesNotContain("rls-testkit cache:");
        assertThat(entries(ClusterCache.TEMPLATES)).as("one template entry per version of the migrations").hasSize(3);
    }

    @Test
    @Order(7)
    void theCacheIsOffWithOneProperty() throws Exception {
        Path elsewhere = workspace.resolve("unused-cache");

        Run off = run(Map.of(ClusterCache.ENABLED_KEY, "false", ClusterCache.DIRECTORY_KEY, elsewhere.toString()),
                CacheFixture.class);

        assertThat(off.report(CacheFixture.class).systemIdentifier()).as("a cluster of its own initdb")
                .isNotEqualTo(afterFormat.report(CacheFixture.class).systemIdentifier());
        assertThat(elsewhere).doesNotExist();
    }

    private Run run(Map<String, String> properties, Class<?>... fixtures) throws InterruptedException {
        try (ChildJvm child = start(properties, fixtures)) {
            Run run = Run.of(child);
            assertThat(child.awaitExit(RUN)).as("exit status; output:%n%s", child.output()).isZero();
            return new Run(run.reports(), child.output());
        }
    }

    private ChildJvm start(Map<String, String> properties, Class<?>... fixtures) {
        ChildJvm.Builder builder = ChildJvm.builder(Child.class)
                .args(Arrays.stream(fixtures).map(Class::getName).toArray(String[]::new))
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

    /** The system identifier of an entry's cluster: the first field of its {@code pg_control}, little-endian. */
    private static String systemIdentifier(Path entry) throws IOException {
        byte[] control = Files.readAllBytes(entry.resolve("data/global/pg_control"));
        return Long.toUnsignedString(ByteBuffer.wrap(control, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }

    /** The names of the spare copies of this cache's entries. */
    private List<String> spares() throws IOException {
        Path folder = new ClusterCache(cache, line -> { }).spares();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(path -> path.getFileName().toString()).filter(name -> !name.startsWith("."))
                    .toList();
        }
    }

    private void dropSpares() {
        ClusterCache.deleteTree(new ClusterCache(cache, line -> { }).spares());
    }

    private Path templateEntry(String name) {
        return cache.resolve("v1").resolve(ClusterCache.TEMPLATES).resolve(name);
    }

    /** What one fixture class reported. */
    private record Report(String systemIdentifier, String migratedAt, String columns) {
    }

    /** What a run reported, by fixture class, and its output. */
    private record Run(Map<String, Report> reports, String output) {

        static Run of(ChildJvm child) throws InterruptedException {
            String done = child.awaitLine(Child.DONE, RUN);
            Set<String> classes = Set.of(done.split(","));
            Map<String, Report> reports = child.linesStartingWith(Child.REPORT).stream()
                    .map(line -> line.split("\\|"))
                    .filter(parts -> classes.contains(parts[0]))
                    .collect(Collectors.toMap(parts -> parts[0], parts -> new Report(parts[1], parts[2], parts[3])));
            assertThat(reports).as("a report of each fixture; output:%n%s", child.output()).hasSize(classes.size());
            return new Run(reports, child.output());
        }

        Report report(Class<?> fixture) {
            return reports.get(fixture.getSimpleName());
        }

        List<String> cacheLines() {
            return output.lines().filter(line -> line.startsWith("rls-testkit cache:")).toList();
        }
    }

    /** A run: the fixture classes named by its arguments, through the kit, in one launcher run. */
    static final class Child {

        static final String REPORT = "CLUSTER ";
        static final String DONE = "FIXTURES ";
        static final String MIGRATIONS = "rlstestkit.migrations";

        public static void main(String[] args) throws ClassNotFoundException {
            EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                    .configurationParameter(Fixtures.ENABLED_KEY, "true")
                    .configurationParameter(MIGRATIONS, System.getProperty(MIGRATIONS));
            StringBuilder names = new StringBuilder();
            for (String name : args) {
                Class<?> fixture = Class.forName(name);
                builder.selectors(DiscoverySelectors.selectClass(fixture));
                names.append(names.isEmpty() ? "" : ",").append(fixture.getSimpleName());
            }
            EngineExecutionResults results = builder.execute();
            if (results.testEvents().succeeded().count() != args.length) {
                results.allEvents().debug(System.out);
                System.exit(3);
            }
            System.out.println(DONE + names);
            System.out.flush();
        }
    }

    /** Reports the cluster's identity, when the migration was applied, and the migrated table's columns. */
    abstract static class Reports {

        @Test
        void reports(@AsOwner RlsSession owner) {
            Map<String, Object> row = owner.query("SELECT (SELECT system_identifier FROM pg_control_system())::text"
                    + " AS id, (SELECT max(installed_on)::text FROM flyway_schema_history) AS at,"
                    + " (SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns"
                    + " WHERE table_name = 'notes') AS names, (SELECT count(*) FROM notes) AS n").get(0);
            assertThat(row.get("n")).as("the seeded notes of every tenant").isEqualTo(expectedNotes());
            System.out.println(Child.REPORT + getClass().getSimpleName() + "|" + row.get("id") + "|" + row.get("at")
                    + "|" + row.get("names"));
            System.out.flush();
        }

        abstract long expectedNotes();
    }

    @Fixture
    @RlsTest(migrations = "classpath:fixtures/cache", seed = "classpath:fixtures/seed/cache-notes.sql",
            tenantRole = "cache_user")
    static class CacheFixture extends Reports {
        @Override
        long expectedNotes() {
            return 4;
        }
    }

    /** The same migrations, another configuration (three tenants): another template, of the same roles. */
    @Fixture
    @RlsTest(migrations = "classpath:fixtures/cache", seed = "classpath:fixtures/seed/cache-notes.sql",
            tenantRole = "cache_user", tenants = {"a", "b", "c"})
    static class OtherTenantsFixture extends Reports {
        @Override
        long expectedNotes() {
            return 6;
        }
    }
}
