package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.database.ClusterCache;
import io.rlstestkit.internal.database.EmbeddedProvider;
import io.rlstestkit.internal.database.PostgresProvider;
import io.rlstestkit.internal.database.PostgresServer;
import io.rlstestkit.internal.migration.ScratchDatabase;
import org.apiguardian.api.API;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Everything the kit keeps for the life of the JVM: one server per group of configurations that share their roles
 * (with embedded PostgreSQL: one cluster, started on first use, unless the migrations differ), one environment per
 * configuration, and a background thread that replaces used databases. Stopped when the JVM's tests end, by a
 * shutdown hook; the embedded provider's watchdog stops a cluster whose JVM was killed.
 */
@API(status = INTERNAL)
public final class Environments {

    private static final Environments INSTANCE = new Environments();
    private static final long BACKGROUND_GRACE_SECONDS = 30;
    /**
     * The key (system property or JUnit configuration parameter) that sets how many servers of the kit's own
     * (embedded clusters, containers) may run before idle ones are stopped to make room; 8 unless set.
     */
    public static final String SERVERS_KEPT_KEY = "rlstestkit.servers-kept";
    private static final int SERVERS_KEPT_DEFAULT = 8;

    private final Map<ProviderSettings, CompletableFuture<PostgresProvider>> providers = new ConcurrentHashMap<>();
    private final Map<KitConfiguration.RoleDomain, CompletableFuture<PostgresServer>> servers =
            new ConcurrentHashMap<>();
    private final Map<KitConfiguration.TemplateKey, CompletableFuture<Environment>> environments =
            new ConcurrentHashMap<>();
    private final Map<Migrated, CompletableFuture<String>> migrated = new ConcurrentHashMap<>();
    private final Map<ProviderSettings, RoundTripSite> roundTrips = new ConcurrentHashMap<>();
    private final List<PostgresServer> started = new ArrayList<>();
    private final AtomicInteger templates = new AtomicInteger();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rls-testkit-databases");
        thread.setDaemon(true);
        return thread;
    });
    private final int poolSize = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private final Object retirement = new Object();
    private volatile int serversKept = SERVERS_KEPT_DEFAULT;

    private Environments() {
        PostgresServer.warmUpDriver(); // while the first configuration is worked out and its cluster starts
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "rls-testkit-shutdown"));
    }

    /**
     * Sets how many servers of the kit's own may run before idle ones are stopped, from {@link #SERVERS_KEPT_KEY}
     * where it is set; the last value set holds for the JVM.
     *
     * @throws KitException for a value that is not a whole number of at least 1
     */
    public void keepServers(Optional<String> configured) {
        if (configured.isEmpty()) {
            return;
        }
        String value = configured.get().strip();
        int kept;
        try {
            kept = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            kept = 0;
        }
        if (kept < 1) {
            throw new KitException("Expecting " + SERVERS_KEPT_KEY + " to be a whole number of at least 1 (how many"
                    + " servers of the kit's own may run at once), but got \"" + configured.get() + "\". Set it as a"
                    + " system property or in junit-platform.properties, or remove it to keep "
                    + SERVERS_KEPT_DEFAULT + ".");
        }
        serversKept = kept;
    }

    /** The JVM's instance. */
    public static Environments instance() {
        return INSTANCE;
    }

    /**
     * The environment of a configuration: created (migrated and seeded) on first use, shared by every test class
     * with the same configuration afterwards. A failure is kept, so that every class of the configuration reports it
     * without trying again.
     */
    public Environment environment(KitConfiguration configuration) {
        return once(environments, configuration.templateKey(), () -> {
            // the configuration's own inputs are hashed on another thread while the provider works out its key
            CompletableFuture<String> inputs = "embedded".equals(configuration.provider().kind())
                    && ClusterCache.keepsTemplates()
                    ? CompletableFuture.supplyAsync(() -> TemplateEntry.inputs(configuration)) : null;
            PostgresProvider provider = provider(configuration.provider());
            String entry = inputs != null && provider instanceof EmbeddedProvider embedded
                    && embedded.clusterKey() != null ? TemplateEntry.key(inputs.join(), embedded.clusterKey()) : null;
            if (entry != null) {
                Environment adopted = adoptKept(configuration, (EmbeddedProvider) provider, entry);
                if (adopted != null) {
                    return adopted;
                }
            }
            PostgresServer server = server(configuration);
            String source = migrated(configuration, server);
            String template = PostgresServer.DATABASE_PREFIX + runId + "_" + templates.incrementAndGet();
            Environment environment = Environment.create(configuration, server, source, template, background,
                    poolSize);
            if (entry != null && server instanceof EmbeddedProvider.EmbeddedServer embedded) {
                Map<String, String> properties = new HashMap<>(environment.keptCatalog().properties());
                properties.put("migrations", environment.label());
                embedded.keepOnClose(entry, template, properties);
            }
            return environment;
        });
    }

    /**
     * The database a configuration's migrations were migrated into on a server: made once per set of migrations and
     * server, and copied for each template of theirs, so that the migrations run once per server whatever seeds and
     * tenants the configurations give them (roles, which migrations create, belong to the whole server).
     */
    private String migrated(KitConfiguration configuration, PostgresServer server) {
        return once(migrated, new Migrated(configuration.roleDomain(), server), () -> {
            String name = PostgresServer.DATABASE_PREFIX + runId + "_" + templates.incrementAndGet() + "_migrated";
            MigratedDatabase.create(configuration, server, name);
            return name;
        });
    }

    /** A set of migrations on a server (the server compared by identity: a retired one is never used again). */
    private record Migrated(KitConfiguration.RoleDomain roleDomain, PostgresServer server) {
    }

    /**
     * Starts a test of a configuration, in its environment. Where the environment was retired meanwhile (its
     * server stopped to make room), the configuration is migrated again on a new server.
     *
     * @param configuration the configuration of the test's class
     * @param source        the test class, for reports
     */
    public TestRun startTest(KitConfiguration configuration, String source) {
        while (true) {
            TestRun run = environment(configuration).startTest(configuration, source);
            if (run != null) {
                return run;
            }
        }
    }

    /**
     * The scratch databases of a configuration's migration round trips: on a server that no test uses (with the
     * embedded provider: one more cluster, started on the first round trip; the external provider has one server for
     * everything), one round trip at a time, each starting with the server's own roles only, so that undo scripts
     * may create, alter and drop roles without touching the tests' or another configuration's.
     */
    public ScratchDatabase.Source roundTripDatabases(KitConfiguration configuration) {
        return roundTrips.computeIfAbsent(configuration.provider(), settings -> new RoundTripSite(() -> {
            PostgresServer server = provider(settings).start();
            synchronized (started) {
                if (!started.contains(server)) {
                    started.add(server);
                }
            }
            return server;
        }, PostgresServer.DATABASE_PREFIX + runId + "_roundtrip_")).databases(configuration.supabase(),
                configuration.preRoles());
    }

    /**
     * The environment of a configuration from a cluster that an earlier run kept with its template, migrated and
     * seeded from the same inputs; {@code null} where the cache has none. Such a cluster serves this configuration
     * alone: its roles are those its own migrations made, and another configuration's migrations would meet them.
     */
    private Environment adoptKept(KitConfiguration configuration, EmbeddedProvider provider, String entry) {
        retireIdleServers();
        EmbeddedProvider.EmbeddedServer server = provider.startFromTemplate(entry);
        if (server == null) {
            return null;
        }
        Properties properties = server.adoptRestored(entry);
        KeptCatalog kept = properties == null ? null : KeptCatalog.of(properties);
        if (kept == null) {
            provider.discardTemplate(entry, "it does not record what its template's catalog holds");
            server.close();
            return null;
        }
        synchronized (started) {
            started.add(server);
        }
        return Environment.adopt(configuration, server, properties.getProperty("template"), kept, background,
                poolSize);
    }

    /** The server of a configuration's role domain: started on first use. */
    private PostgresServer server(KitConfiguration configuration) {
        PostgresProvider provider = provider(configuration.provider());
        return once(servers, configuration.roleDomain(), () -> {
            if (provider.isolatesRoles()) {
                retireIdleServers();
            }
            PostgresServer server = provider.start();
            synchronized (started) {
                if (!started.contains(server)) {
                    started.add(server);
                }
            }
            return server;
        });
    }

    /**
     * Keeps the number of servers of the kit's own in check before one more starts: where as many as
     * {@link #SERVERS_KEPT_KEY} allows are running, the servers no test uses at the moment are stopped, least recently
     * used first, down to one below that. Their configurations are migrated again, on a new server, should a later
     * test class need them; one that keeps being used is never the least recently used.
     */
    private void retireIdleServers() {
        synchronized (retirement) {
            Map<PostgresServer, List<Map.Entry<KitConfiguration.TemplateKey, Environment>>> byServer =
                    new java.util.IdentityHashMap<>();
            environments.forEach((key, future) -> {
                if (future.isDone() && !future.isCompletedExceptionally()) {
                    Environment environment = future.join();
                    byServer.computeIfAbsent(environment.server(), server -> new ArrayList<>())
                            .add(Map.entry(key, environment));
                }
            });
            int running = byServer.size();
            List<PostgresServer> idlestFirst = byServer.keySet().stream()
                    .sorted(java.util.Comparator.comparingLong(server -> byServer.get(server).stream()
                            .mapToLong(entry -> entry.getValue().lastUsed()).max().orElse(0)))
                    .toList();
            for (PostgresServer server : idlestFirst) {
                if (running < serversKept) {
                    return;
                }
                List<Map.Entry<KitConfiguration.TemplateKey, Environment>> hosted = byServer.get(server);
                if (!hosted.stream().allMatch(entry -> entry.getValue().retire())) {
                    continue; // a test runs there: the environments retired so far are simply made again if needed
                }
                hosted.forEach(entry -> environments.remove(entry.getKey()));
                servers.values().removeIf(future -> future.isDone() && !future.isCompletedExceptionally()
                        && future.join() == server);
                hosted.forEach(entry -> entry.getValue().close());
                migrated.keySet().removeIf(key -> key.server() == server);
                synchronized (started) {
                    started.remove(server);
                }
                server.close();
                running--;
            }
        }
    }

    private PostgresProvider provider(ProviderSettings settings) {
        return once(providers, settings, settings::create);
    }

    /**
     * The value of a key, made once: the first caller makes it while later callers of the same key wait; a failure is
     * kept like a value, so that each caller reports it without trying again.
     */
    private static <K, V> V once(Map<K, CompletableFuture<V>> values, K key, Supplier<V> make) {
        CompletableFuture<V> future = values.computeIfAbsent(key, absent -> new CompletableFuture<>());
        synchronized (future) {
            if (!future.isDone()) {
                try {
                    future.complete(make.get());
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }
        }
        return join(future);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("Interrupted while preparing the test database", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new KitException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** How many servers the kit started are running, for tests of the retirement of idle ones. */
    int runningServers() {
        synchronized (started) {
            return started.size();
        }
    }

    /** Stops everything: drops the kit's databases on servers it does not own, stops the servers it started. */
    public void shutdown() {
        background.shutdownNow();
        try {
            // a copy being replaced in the background is in no pool until its task ends: let the task end, so that
            // closing the pools drops every database of the kit's before the servers close
            background.awaitTermination(BACKGROUND_GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CompletableFuture<Environment> environment : environments.values()) {
            if (environment.isDone() && !environment.isCompletedExceptionally()) {
                try {
                    environment.join().close();
                } catch (RuntimeException ignored) {
                    // shutting down: keep going
                }
            }
        }
        migrated.forEach((key, database) -> {
            if (database.isDone() && !database.isCompletedExceptionally() && !key.server().ownedByKit()) {
                try {
                    key.server().dropDatabase(database.join());
                } catch (RuntimeException ignored) {
                    // shutting down: keep going
                }
            }
        });
        List<PostgresServer> servers;
        synchronized (started) {
            servers = new ArrayList<>(started);
            started.clear();
        }
        servers.parallelStream().forEach(server -> {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // shutting down: keep going
            }
        });
    }
}
