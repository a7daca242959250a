package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Starts PostgreSQL in a Docker container with Testcontainers, an optional dependency. Where Testcontainers is
 * missing or Docker is absent it fails with the cause and the embedded alternative.
 */
@API(status = INTERNAL)
public final class TestcontainersProvider implements PostgresProvider {

    /** The image used unless {@code rlstestkit.testcontainers.image} names another. */
    public static final String DEFAULT_IMAGE = "postgres:17-alpine";

    static final String TESTCONTAINERS_CLASS = "org.testcontainers.postgresql.PostgreSQLContainer";

    /**
     * How long the kit waits for Testcontainers to find Docker: Testcontainers itself waits without end where
     * DOCKER_HOST names an endpoint that accepts connections and does not answer.
     */
    static final Duration DETECTION_TIMEOUT = Duration.ofSeconds(60);

    private final String image;

    private TestcontainersProvider(String image) {
        this.image = image;
    }

    /**
     * The provider, once Testcontainers is on the class path and Docker answers.
     *
     * @throws DockerUnavailableException where Docker is absent, or Testcontainers does not find it within
     *                                    {@link #DETECTION_TIMEOUT}
     * @throws KitException               where Testcontainers is not on the class path
     */
    public static TestcontainersProvider create(String image) {
        return create(image, DETECTION_TIMEOUT);
    }

    /** The provider, waiting at most {@code detectionTimeout} for Testcontainers to find Docker. */
    static TestcontainersProvider create(String image, Duration detectionTimeout) {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, TestcontainersProvider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new KitException("Expecting Testcontainers on the test class path for rlstestkit.provider="
                    + "testcontainers, but " + TESTCONTAINERS_CLASS + " is missing.\nYou have to add the following"
                    + " dependency to your project:\n    <dependency>\n        <groupId>org.testcontainers</groupId>\n"
                    + "        <artifactId>testcontainers-postgresql</artifactId>\n        <scope>test</scope>\n"
                    + "    </dependency>\nor use the embedded provider (the default), which needs neither Docker nor"
                    + " Testcontainers.");
        }
        String reason = Docker.unavailableReason(detectionTimeout);
        if (reason != null) {
            throw new DockerUnavailableException("Expecting a Docker engine for rlstestkit.provider=testcontainers,"
                    + " but " + reason + ".\nStart Docker (or point DOCKER_HOST at a running engine), or use the"
                    + " embedded provider (remove rlstestkit.provider or set it to embedded), which runs PostgreSQL"
                    + " without Docker.");
        }
        return new TestcontainersProvider(image == null || image.isBlank() ? DEFAULT_IMAGE : image);
    }

    @Override
    public PostgresServer start() {
        return Docker.start(image);
    }

    @Override
    public boolean isolatesRoles() {
        return true;
    }

    @Override
    public String name() {
        return "testcontainers";
    }

    /** Docker is absent: the kit fails, or skips where the user asked for skipping. */
    public static final class DockerUnavailableException extends KitException {
        private static final long serialVersionUID = 1L;

        DockerUnavailableException(String message) {
            super(message);
        }
    }

    /** Everything that touches Testcontainers' classes, loaded only once they are known to be there. */
    private static final class Docker {

        /** Testcontainers' search for Docker, once per JVM (it keeps its answer), in a thread of its own. */
        private static final CompletableFuture<String> DETECTION = CompletableFuture.supplyAsync(Docker::search,
                runnable -> {
                    Thread thread = new Thread(runnable, "rls-testkit-docker-detection");
                    thread.setDaemon(true); // it may never end: see DETECTION_TIMEOUT
                    thread.start();
                });

        /** Why Docker cannot be used, or {@code null} where it can. */
        static String unavailableReason(Duration timeout) {
            try {
                return DETECTION.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return "Testcontainers did not find one within " + timeout.toSeconds() + " s: an endpoint that"
                        + " accepts connections and does not answer (a stale DOCKER_HOST, say) keeps it waiting";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "the kit was interrupted while Testcontainers looked for one";
            } catch (ExecutionException e) {
                return "Testcontainers failed while it looked for one (" + e.getCause() + ")";
            }
        }

        private static String search() {
            try {
                return DockerClientFactory.instance().isDockerAvailable() ? null
                        : "Testcontainers found none (its log, under org.testcontainers, lists what it tried and why"
                        + " each failed)";
            } catch (RuntimeException | LinkageError e) {
                return "Testcontainers failed while it looked for one (" + e + ")";
            }
        }

        static PostgresServer start(String image) {
            PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image)
                    .asCompatibleSubstituteFor("postgres"))
                    .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c",
                            "full_page_writes=off", "-c", "autovacuum=off", "-c", "lc_messages=C",
                            "-c", "max_connections=300");
            try {
                container.start();
            } catch (RuntimeException e) {
                throw new KitException("Expecting the PostgreSQL container " + image + " to start, but: " + e
                        + "\nCheck rlstestkit.testcontainers.image, or use the embedded provider.", e);
            }
            return new ContainerServer(container, image);
        }
    }

    /** A PostgreSQL container, removed on close. */
    private static final class ContainerServer extends PostgresServer {

        private final PostgreSQLContainer container;
        private final String image;

        ContainerServer(PostgreSQLContainer container, String image) {
            this.container = container;
            this.image = image;
        }

        @Override
        public String description() {
            return "PostgreSQL container " + image + " on port " + port();
        }

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        }

        @Override
        public String user() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        protected String maintenanceDatabase() {
            return container.getDatabaseName();
        }

        @Override
        public boolean ownedByKit() {
            return true;
        }

        @Override
        public synchronized void close() {
            super.close();
            container.stop();
        }
    }
}
