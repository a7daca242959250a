package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Identifiers;
import io.rlstestkit.internal.database.PostgresServer;
import io.rlstestkit.internal.migration.Locations;
import io.rlstestkit.internal.migration.ScratchDatabase;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where migration round trips run: scratch databases on a server of their own. Undo scripts may drop or alter roles,
 * and roles belong to a whole server, so round trips never share a server with tests (with the embedded provider: a
 * cluster of their own, started on the first round trip). One round trip at a time; after each, its database is
 * dropped and, on a server the kit started, so are the roles it created: every round trip starts from the same
 * server, with no role but the server's own, whichever configuration ran before it.
 *
 * <p>With the external provider there is one server for everything: round trips run in databases of their own
 * there, but the roles their migrations create, alter or drop are the tests' roles too.
 */
@API(status = INTERNAL)
public final class RoundTripSite {

    private static final long WAIT_MINUTES = 10;

    private final Supplier<PostgresServer> starter;
    private final String databasePrefix;
    private final AtomicInteger counter = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private PostgresServer server;
    private Set<String> baselineRoles;

    RoundTripSite(Supplier<PostgresServer> starter, String databasePrefix) {
        this.starter = starter;
        this.databasePrefix = databasePrefix;
    }

    /** Scratch databases for a configuration: with the Supabase preset applied, or not. */
    public ScratchDatabase.Source databases(boolean supabase) {
        return databases(supabase, List.of());
    }

    /**
     * Scratch databases for a configuration: with the roles it lists to create before migrating, and the Supabase
     * preset applied, or not.
     */
    public ScratchDatabase.Source databases(boolean supabase, List<String> preRoles) {
        return new ScratchDatabase.Source() {
            @Override
            public <T> T use(ScratchDatabase.Work<T> work) {
                return RoundTripSite.this.use(supabase, preRoles, work);
            }
        };
    }

    private <T> T use(boolean supabase, List<String> preRoles, ScratchDatabase.Work<T> work) {
        try {
            if (!lock.tryLock(WAIT_MINUTES, TimeUnit.MINUTES)) {
                throw new KitException("Expecting the migration round-trip server to be free within " + WAIT_MINUTES
                        + " minutes, but another round trip of the same migrations held it all that time.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("Interrupted while waiting for the migration round-trip server", e);
        }
        try {
            PostgresServer current = server();
            String name = databasePrefix + counter.incrementAndGet();
            current.createDatabase(name, null);
            boolean clean = false;
            try {
                Scratch scratch = new Scratch(current, name);
                try (Connection connection = scratch.connect(); Statement statement = connection.createStatement()) {
                    if (baselineRoles == null) {
                        baselineRoles = current.ownedByKit() ? roles(statement) : Set.of();
                    }
                    MigratedDatabase.createPreRoles(current, name, preRoles);
                    if (supabase) {
                        statement.execute(Locations.read(Environment.SUPABASE_PRESET,
                                RoundTripSite.class.getClassLoader(), "the Supabase preset"));
                    }
                }
                T result = work.run(scratch);
                clean = true;
                return result;
            } catch (SQLException e) {
                throw new KitException("Could not work on the round trip's scratch database on "
                        + current.description() + ": " + e.getMessage(), e);
            } finally {
                tidy(current, name, clean);
            }
        } finally {
            lock.unlock();
        }
    }

    private PostgresServer server() {
        if (server == null) {
            server = starter.get();
            baselineRoles = null;
        }
        return server;
    }

    /** Drops the database and, on a server of the kit's, the roles made since the server started. */
    private void tidy(PostgresServer current, String name, boolean clean) {
        boolean dropped = true;
        if (current.ownedByKit() && baselineRoles != null) {
            try (Connection connection = current.connect(name); Statement statement = connection.createStatement()) {
                List<String> created = new ArrayList<>(roles(statement));
                created.removeAll(baselineRoles);
                if (!created.isEmpty()) {
                    String list = String.join(", ", created.stream().sorted().map(Identifiers::quote).toList());
                    statement.execute("DROP OWNED BY " + list + " CASCADE");
                    statement.execute("DROP ROLE " + list);
                }
            } catch (SQLException e) {
                dropped = false;
            }
        }
        try {
            current.dropDatabase(name);
        } catch (RuntimeException e) {
            if (clean) {
                throw e;
            }
        }
        if (!dropped) {
            // Roles that would not go: start the next round trip on a fresh server.
            current.close();
            server = null;
        }
    }

    private static Set<String> roles(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT rolname FROM pg_roles")) {
            Set<String> roles = new HashSet<>();
            while (rows.next()) {
                roles.add(rows.getString(1));
            }
            return roles;
        }
    }

    /** A scratch database. */
    private record Scratch(PostgresServer server, String name) implements ScratchDatabase {

        @Override
        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        @Override
        public String user() {
            return server.user();
        }

        @Override
        public String password() {
            return server.password();
        }

        @Override
        public Connection connect() throws SQLException {
            return server.connect(name);
        }
    }
}
