package io.rlstestkit.internal.database;

import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenants;
import io.rlstestkit.internal.KitException;
import io.rlstestkit.testing.ChildJvm;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.FixtureMain;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The {@code testcontainers} provider where it cannot work: no Docker engine (the tests that need its absence are
 * skipped where Testcontainers finds one), a Docker endpoint that never answers, no Testcontainers on the class path.
 */
class TestcontainersProviderTest {

    private static final String NO_DOCKER = "Expecting a Docker engine for rlstestkit.provider=testcontainers, but"
            + " Testcontainers found none (its log, under org.testcontainers, lists what it tried and why each"
            + " failed).\nStart Docker (or point DOCKER_HOST at a running engine), or use the embedded provider"
            + " (remove rlstestkit.provider or set it to embedded), which runs PostgreSQL without Docker.";

    @Test
    void withoutDockerTheClassFailsNamingTheCauseAndTheEmbeddedAlternative() throws Exception {
        assumeDockerIsAbsent();

        // WHEN
        EngineExecutionResults results = Fixtures.run(Containerized.class,
                Map.of("rlstestkit.provider", "testcontainers"));

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(Containerized.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(NO_DOCKER))));
    }

    @Test
    void withoutDockerTheClassIsSkippedWithTheReasonWhereSkippingIsAskedFor() throws Exception {
        assumeDockerIsAbsent();

        // WHEN
        EngineExecutionResults results = Fixtures.run(Containerized.class, Map.of(
                "rlstestkit.provider", "testcontainers", "rlstestkit.testcontainers.skip-without-docker", "true"));

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(Containerized.class),
                abortedWithReason(instanceOf(TestAbortedException.class), message(NO_DOCKER))));
    }

    @Test
    void aDockerEndpointThatNeverAnswersFailsWithinTheBound(@TempDir Path home) throws Exception {
        // GIVEN a DOCKER_HOST that accepts connections and never answers: Testcontainers would wait forever
        try (Silent endpoint = new Silent(); ChildJvm child = ChildJvm.builder(Detection.class).args("2")
                .environment("DOCKER_HOST", "tcp://127.0.0.1:" + endpoint.port())
                .systemProperty("user.home", home.toString()) // no ~/.testcontainers.properties of the machine
                .start()) {

            // WHEN
            String message = child.awaitLine(Detection.FAILED, Duration.ofSeconds(60));

            // THEN
            assertThat(message.replace("\\n", "\n")).isEqualTo("Expecting a Docker engine for"
                    + " rlstestkit.provider=testcontainers, but Testcontainers did not find one within 2 s: an endpoint"
                    + " that accepts connections and does not answer (a stale DOCKER_HOST, say) keeps it waiting.\n"
                    + "Start Docker (or point DOCKER_HOST at a running engine), or use the embedded provider (remove"
                    + " rlstestkit.provider or set it to embedded), which runs PostgreSQL without Docker.");
            // and Testcontainers was really stuck on it: on a loaded machine the bound may run out before its search
            // reaches the endpoint, so the child goes on searching after it failed, and the connection is awaited
            assertThat(endpoint.awaitConnection(Duration.ofSeconds(60)))
                    .as("Testcontainers connected to the endpoint; the child's output:%n%s", child.output()).isTrue();
        }
    }

    @Test
    void withoutTestcontainersOnTheClassPathTheClassFailsNamingTheDependency() throws Exception {
        // GIVEN a JVM whose class path lacks Testcontainers (and nothing else)
        try (ChildJvm child = ChildJvm.builder(FixtureMain.class)
                .withoutClassPathEntries(entry -> Path.of(entry).getFileName().toString().startsWith("testcontainers"))
                .args(Containerized.class.getName(), "rlstestkit.provider=testcontainers")
                .start()) {

            // WHEN
            assertThat(child.awaitExit(Duration.ofSeconds(60))).as("exit status; output:%n%s", child.output())
                    .isZero();

            // THEN
            assertThat(FixtureMain.tests(child)).isEqualTo("succeeded=0 failed=0 aborted=0 skipped=0");
            assertThat(FixtureMain.failures(child)).containsExactly("TestcontainersProviderTest$Containerized:"
                    + " Expecting Testcontainers on the test class path for rlstestkit.provider=testcontainers, but"
                    + " org.testcontainers.postgresql.PostgreSQLContainer is missing.\nYou have to add the following"
                    + " dependency to your project:\n"
                    + "    <dependency>\n"
                    + "        <groupId>org.testcontainers</groupId>\n"
                    + "        <artifactId>testcontainers-postgresql</artifactId>\n"
                    + "        <scope>test</scope>\n"
                    + "    </dependency>\n"
                    + "or use the embedded provider (the default), which needs neither Docker nor Testcontainers.");
        }
    }

    /**
     * These tests are about a machine without Docker: where Testcontainers finds one, they cannot say anything.
     * Testcontainers keeps its answer for the JVM, so the kit's own search gets the same one at once.
     */
    private static void assumeDockerIsAbsent() throws Exception {
        CompletableFuture<Boolean> available = CompletableFuture.supplyAsync(
                () -> DockerClientFactory.instance().isDockerAvailable());
        boolean absent;
        try {
            absent = !available.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            absent = false;
        }
        assumeTrue(absent, "Testcontainers finds Docker here (or does not answer): these tests need its absence");
    }

    /** A class that the kit would run in a container. */
    @Fixture
    @RlsTest(migrations = "classpath:fixtures/sound", seed = "classpath:fixtures/seed/tenant.sql",
            tenantRole = "app_user", workerRole = "app_worker")
    static class Containerized {

        @Test
        void runs(Tenants tenants) {
            assertThat(tenants.get("a")).isNotNull();
        }
    }

    /**
     * A child JVM's main: asks for the provider with a detection bound, prints why it cannot have it, then waits to be
     * ended, so that Testcontainers' search, in a daemon thread, goes on.
     */
    static final class Detection {

        static final String FAILED = "FAILED ";

        /** @param args the bound in seconds */
        public static void main(String[] args) {
            try {
                TestcontainersProvider.create(null, Duration.ofSeconds(Long.parseLong(args[0])));
                System.out.println("CREATED");
            } catch (KitException e) {
                System.out.println(FAILED + e.getMessage().replace("\n", "\\n"));
            }
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A TCP endpoint that accepts connections and never answers. */
    private static final class Silent implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0);
        private final List<Socket> accepted = new ArrayList<>();

        Silent() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket connection = socket.accept();
                        synchronized (accepted) {
                            accepted.add(connection);
                            accepted.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "silent-endpoint");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Whether a connection was accepted within the timeout. */
        boolean awaitConnection(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (accepted) {
                while (accepted.isEmpty()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        return false;
                    }
                    accepted.wait(left);
                }
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket connection : accepted) {
                    connection.close();
                }
            }
        }
    }
}
