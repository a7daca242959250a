package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Identifiers;
import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A PostgreSQL server the kit works on, wherever it comes from. The kit logs in as one user (a superuser on the
 * servers it starts itself) and creates, clones and drops databases of its own there.
 */
@API(status = INTERNAL)
public abstract class PostgresServer implements AutoCloseable {

    /** The prefix of every database the kit creates, so that they can be recognized on a shared server. */
    public static final String DATABASE_PREFIX = "rlstestkit_";

    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /**
     * The driver's classes that its first connection loads and initialises most slowly (a few hundred milliseconds
     * in a new JVM); {@link #warmUpDriver()} loads them while a cluster starts.
     */
    private static final List<String> DRIVER_CLASSES = List.of("org.postgresql.Driver", "org.postgresql.PGProperty",
            "org.postgresql.jdbc.PgConnection", "org.postgresql.core.v3.ConnectionFactoryImpl",
            "org.postgresql.core.v3.QueryExecutorImpl", "org.postgresql.core.PGStream",
            "org.postgresql.jdbc.TypeInfoCache", "org.postgresql.jdbc.PgStatement", "org.postgresql.jdbc.PgResultSet",
            "org.postgresql.jdbc.PgPreparedStatement");
    private static final AtomicBoolean DRIVER_WARMED = new AtomicBoolean();

    private Connection admin;

    /**
     * Loads the JDBC driver's slowest classes on a thread of their own, once per JVM, so that the first connection,
     * once a cluster is up, does not wait for them. A class this version of the driver lacks is skipped.
     */
    public static void warmUpDriver() {
        if (DRIVER_WARMED.getAndSet(true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            DriverManager.getDrivers();
            ClassLoader loader = PostgresServer.class.getClassLoader();
            for (String name : DRIVER_CLASSES) {
                try {
                    Class.forName(name, true, loader);
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // another version of the driver: its first connection loads what it needs
                }
            }
        }, "rls-testkit-driver-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** A description for messages: {@code embedded PostgreSQL 17.11 on port 41234}. */
    public abstract String description();

    /** The host name clients connect to. */
    public abstract String host();

    /** The port clients connect to. */
    public abstract int port();

    /** The user the kit logs in as. */
    public abstract String user();

    /** That user's password, or {@code null} where none is needed. */
    public abstract String password();

    /** The database the kit connects to for administration (creating and dropping its databases). */
    protected abstract String maintenanceDatabase();

    /** Whether the kit started this server itself, and so owns every database and role on it. */
    public abstract boolean ownedByKit();

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Opens a connection to a database as the kit's user. */
    public Connection connect(String database) throws SQLException {
        return connect(database, user(), password());
    }

    /** Opens a connection to a database as another user (with the server's authentication). */
    public Connection connect(String database, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "rls-testkit");
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /**
     * Creates an empty database, or a copy of a template database with the template's database-level settings
     * ({@code ALTER DATABASE ... SET}, which {@code CREATE DATABASE} does not copy).
     */
    public synchronized void createDatabase(String name, String template) {
        String sql = "CREATE DATABASE " + Identifiers.quote(name)
                + (template == null ? "" : " TEMPLATE " + Identifiers.quote(template));
        administer(sql, "create database " + name);
        if (template != null) {
            try {
                DatabaseSettings.copy(admin(), template, name);
            } catch (SQLException e) {
                throw new KitException("Could not copy the settings of database " + template + " to " + name + " on "
                        + description() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Notes a role the kit created on this server before migrating (a pre-role). A server the kit did not start drops
     * it again when it closes; the kit's own servers go away with their roles.
     */
    public void roleCreated(String role) {
        // the kit's own servers go away with their roles
    }

    /** Drops a database of the kit's, closing its connections first. */
    public synchronized void dropDatabase(String name) {
        if (!name.startsWith(DATABASE_PREFIX)) {
            throw new IllegalArgumentException("The kit drops only databases it created, not " + name);
        }
        administer("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)", "drop database " + name);
    }

    private void administer(String sql, String what) {
        try {
            try (Statement statement = admin().createStatement()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new KitException("Could not " + what + " on " + description() + ": " + e.getMessage()
                    + "\nThe kit's user " + user() + " needs the CREATEDB privilege there.", e);
        }
    }

    /** The administration connection, to the maintenance database; callers hold this server's lock. */
    protected Connection admin() throws SQLException {
        if (admin == null || admin.isClosed()) {
            admin = connect(maintenanceDatabase());
        }
        return admin;
    }

    /** Closes the administration connection; subclasses stop what they started. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            try {
                admin.close();
            } catch (SQLException ignored) {
                // the server is going away
            }
            admin = null;
        }
    }

    @Override
    public String toString() {
        return description();
    }
}
