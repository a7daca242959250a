package io.rlstestkit.internal.database;

import io.rlstestkit.AsOwner;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.testing.ChildJvm;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * No embedded cluster outlives the JVM that started it, however the JVM ends. Each test has a JVM of its own that
 * runs a test class through the kit (which starts the embedded cluster) and reports the postmaster's pid and data
 * directory; the test ends that JVM one way or another and checks that the postmaster and the cluster's directory
 * are gone. The JVMs start together, before the tests, so that their clusters start in parallel, from a copy of the
 * entry of a cache that a first run filled: so the kit starts each postmaster itself, as a child process of the JVM
 * (which each test checks), the way a repeat run does.
 */
class EmbeddedLifecycleTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration GONE = Duration.ofSeconds(15);

    private static ChildJvm killed;
    private static ChildJvm terminated;
    private static ChildJvm failing;
    private static ChildJvm passing;

    @BeforeAll
    static void startJvms(@TempDir Path cache) throws InterruptedException {
        // a first run fills a cache of the test's own, so that the four clusters start from a copy of its entry, with
        // the kit starting PostgreSQL itself: a child process of the JVM, not a daemon as pg_ctl leaves it
        try (ChildJvm first = Child.start(cache)) {
            Cluster.of(first, false);
            first.send("pass");
            assertThat(first.awaitExit(STARTUP)).as("exit status of the run that fills the cache").isZero();
        }
        killed = Child.start(cache);
        terminated = Child.start(cache);
        failing = Child.start(cache);
        passing = Child.start(cache);
    }

    @AfterAll
    static void endLeftovers() {
        for (ChildJvm child : List.of(killed, terminated, failing, passing)) {
            child.close();
        }
    }

    @Test
    void clusterIsStoppedAndDeletedWhenTheJvmIsKilled() throws Exception {
        Cluster cluster = Cluster.of(killed);

        killed.process().destroyForcibly(); // SIGKILL: no shutdown hook runs, only the watchdog can act

        cluster.assertGone(killed);
    }

    @Test
    void clusterIsStoppedAndDeletedWhenTheJvmIsTerminated() throws Exception {
        Cluster cluster = Cluster.of(terminated);

        terminated.process().destroy(); // SIGTERM, as when the build is interrupted

        assertThat(terminated.awaitExit(GONE)).as("exit status after SIGTERM").isEqualTo(143);
        cluster.assertGone(terminated);
    }

    @Test
    void clusterIsStoppedAndDeletedWhenATestFailsAndMainThrows() throws Exception {
        Cluster cluster = Cluster.of(failing);

        failing.send("fail");

        assertThat(failing.awaitExit(STARTUP)).as("exit status of a main that threw").isEqualTo(1);
        assertThat(failing.output()).contains("Exception in thread \"main\" java.lang.IllegalStateException:"
                + " the fixture failed: a failing test, as asked");
        cluster.assertGone(failing);
    }

    @Test
    void clusterIsStoppedAndDeletedWhenTheTestsEnd() throws Exception {
        Cluster cluster = Cluster.of(passing);

        passing.send("pass");

        assertThat(passing.awaitExit(STARTUP)).as("exit status").isZero();
        cluster.assertGone(passing);
    }

    /** The postmaster a child JVM reported, and the directory of its cluster. */
    private record Cluster(ProcessHandle postmaster, Path dataDirectory) {

        /** The cluster of a JVM whose cluster started from the cache's entry, the kit starting its postmaster. */
        static Cluster of(ChildJvm child) throws InterruptedException {
            return of(child, true);
        }

        static Cluster of(ChildJvm child, boolean startedByTheKit) throws InterruptedException {
            String[] reported = child.awaitLine(Child.REPORT, STARTUP).split(" ", 2);
            long pid = Long.parseLong(reported[0]);
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(
                    "Expecting the postmaster " + pid + " to run while its JVM runs, but it does not"));
            Path dataDirectory = Path.of(reported[1]);
            assertThat(dataDirectory.resolve("postmaster.pid")).isRegularFile();
            assertThat(dataDirectory.getParent().getFileName().toString())
                    .startsWith(EmbeddedProvider.DIRECTORY_PREFIX);
            if (startedByTheKit) {
                assertThat(postmaster.parent().map(ProcessHandle::pid))
                        .as("the postmaster's parent: the JVM, which started it from the cache's entry")
                        .contains(child.process().pid());
            }
            return new Cluster(postmaster, dataDirectory);
        }

        /** The postmaster has exited and the cluster's directory (data and log) is deleted, within a bound. */
        void assertGone(ChildJvm child) throws InterruptedException {
            Path directory = dataDirectory.getParent();
            long deadline = System.nanoTime() + GONE.toNanos();
            while ((runs(postmaster) || Files.exists(directory)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (runs(postmaster)) {
                fail("Expecting the postmaster %s to exit within %s s of its JVM, but it still runs. The JVM's"
                        + " output:%n%s", postmaster.pid(), GONE.toSeconds(), child.output());
            }
            assertThat(directory).as("the cluster's directory, once its postmaster is gone").doesNotExist();
        }
    }

    /**
     * Whether a process has not exited. A process that exited but that its parent has not reaped yet (a zombie, as
     * the postmaster is until init reaps it) counts as exited, although {@link ProcessHandle#isAlive()} says it lives.
     */
    private static boolean runs(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        try {
            String line = Files.readString(stat);
            return line.charAt(line.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no /proc (not Linux), or it just went away
        }
    }

    /**
     * The child JVM: runs {@link ClusterFixture} through the kit. The fixture reports the postmaster and waits for a
     * line on standard input: {@code fail} makes the test fail (and main throw), {@code pass} makes it pass (and main
     * return); until then the JVM can be killed or terminated.
     */
    static final class Child {

        static final String REPORT = "POSTMASTER ";

        static ChildJvm start(Path cache) {
            return ChildJvm.builder(Child.class).systemProperty(ClusterCache.DIRECTORY_KEY, cache.toString()).start();
        }

        public static void main(String[] args) {
            EngineExecutionResults results = Fixtures.run(ClusterFixture.class);
            if (results.testEvents().failed().count() == 1) {
                throw new IllegalStateException("the fixture failed: " + results.testEvents().failed().stream()
                        .findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class).getThrowable()
                        .orElseThrow().getMessage());
            }
            if (results.testEvents().succeeded().count() != 1) {
                results.allEvents().debug(System.out);
                System.exit(3);
            }
        }
    }

    /** Starts the embedded cluster by using it, reports its postmaster, and passes or fails as told. */
    @Fixture
    @RlsTest(migrations = "classpath:fixtures/sound", seed = "classpath:fixtures/seed/tenant.sql",
            tenantRole = "app_user", workerRole = "app_worker")
    static class ClusterFixture {

        @Test
        void reportsItsPostmaster(@AsOwner RlsSession owner) throws IOException {
            Path dataDirectory = Path.of((String) owner.query("SELECT current_setting('data_directory') AS dir")
                    .get(0).get("dir"));
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            System.out.println(Child.REPORT + pid + " " + dataDirectory);
            System.out.flush();
            String command = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if ("fail".equals(command)) {
                fail("a failing test, as asked");
            }
        }
    }
}
