package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An existing server, reached with {@code rlstestkit.jdbc-url}, {@code rlstestkit.user} and
 * {@code rlstestkit.password}. The kit creates databases of its own there (named with
 * {@link PostgresServer#DATABASE_PREFIX}), drops them afterwards, and never writes to a database it did not create.
 * Roles belong to the whole server, so every configuration shares them.
 */
public final class ExternalProvider implements PostgresProvider {

    private final ExternalServer server;

    public ExternalProvider(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new KitException("Expecting rlstestkit.jdbc-url to name the server for rlstestkit.provider=external,"
                    + " but it is not set.\nSet it (jdbc:postgresql://host:5432/postgres) with rlstestkit.user and"
                    + " rlstestkit.password, as system properties or in junit-platform.properties, or remove"
                    + " rlstestkit.provider to use the embedded provider.");
        }
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed == null) {
            throw new KitException("Expecting rlstestkit.jdbc-url to be a PostgreSQL JDBC URL"
                    + " (jdbc:postgresql://host:5432/postgres), but it is: " + jdbcUrl);
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "postgres");
        String effectiveUser = user != null ? user : parsed.getProperty("user");
        String effectivePassword = password != null ? password : parsed.getProperty("password");
        if (effectiveUser == null) {
            throw new KitException("Expecting rlstestkit.user to name the user for " + jdbcUrl
                    + ", but it is not set (nor is user= in the URL). Set rlstestkit.user and rlstestkit.password.");
        }
        this.server = new ExternalServer(jdbcUrl, host, port, database, effectiveUser, effectivePassword);
    }

    @Override
    public synchronized PostgresServer start() {
        server.verify();
        return server;
    }

    @Override
    public boolean isolatesRoles() {
        return false;
    }

    @Override
    public String name() {
        return "external";
    }

    /** A server the kit did not start: it only creates and drops databases of its own there. */
    static final class ExternalServer extends PostgresServer {

        private final String jdbcUrl;
        private final String host;
        private final int port;
        private final String database;
        private final String user;
        private final String password;
        private String version;

        ExternalServer(String jdbcUrl, String host, int port, String database, String user, String password) {
            this.jdbcUrl = jdbcUrl;
            this.host = host;
            this.port = port;
            this.database = database;
            this.user = user;
            this.password = password;
        }

        synchronized void verify() {
            if (version != null) {
                return;
            }
            try (Connection connection = connect(database);
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), "
                         + "rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                row.next();
                if (!row.getBoolean(2)) {
                    throw new KitException("Expecting " + user + " on " + jdbcUrl + " to be allowed to create"
                            + " databases (the kit works in databases of its own), but it has neither CREATEDB nor"
                            + " SUPERUSER.\nGrant it: ALTER ROLE " + user + " CREATEDB; or use the embedded provider.");
                }
                version = row.getString(1);
            } catch (SQLException e) {
                throw new KitException("Expecting a PostgreSQL server at " + jdbcUrl + " (rlstestkit.provider=external)"
                        + " as user " + user + ", but could not connect: " + e.getMessage()
                        + "\nCheck that the server runs and rlstestkit.jdbc-url, rlstestkit.user and"
                        + " rlstestkit.password, or remove rlstestkit.provider to use the embedded provider,"
                        + " which needs no server.", e);
            }
        }

        @Override
        public String description() {
            return "external PostgreSQL " + (version == null ? "" : version + " ") + "at " + host + ":" + port;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public String password() {
            return password;
        }

        @Override
        protected String maintenanceDatabase() {
            return database;
        }

        @Override
        public boolean ownedByKit() {
            return false;
        }
    }
}
