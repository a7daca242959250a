package io.rlstestkit.internal.database;

import io.rlstestkit.internal.KitException;
import io.rlstestkit.internal.catalog.Identifiers;
import org.apiguardian.api.API;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * An existing server, reached with {@code rlstestkit.jdbc-url}, {@code rlstestkit.user} and
 * {@code rlstestkit.password}. The kit creates databases of its own there (named with
 * {@link PostgresServer#DATABASE_PREFIX}), drops them afterwards, and never writes to a database it did not create.
 * Roles belong to the whole server, so every configuration shares them; see {@link ExternalServer#close()} for the
 * roles the migrations create.
 */
@API(status = INTERNAL)
public final class ExternalProvider implements PostgresProvider {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");

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
                    + " (jdbc:postgresql://host:5432/postgres), but it is: " + redacted(jdbcUrl));
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String database = parsed.getProperty("PGDBNAME", "postgres");
        String effectiveUser = user != null ? user : parsed.getProperty("user");
        String effectivePassword = password != null ? password : parsed.getProperty("password");
        if (effectiveUser == null) {
            throw new KitException("Expecting rlstestkit.user to name the user for " + redacted(jdbcUrl)
                    + ", but it is not set (nor is user= in the URL). Set rlstestkit.user and rlstestkit.password.");
        }
        this.server = new ExternalServer(redacted(jdbcUrl), host, port, database, effectiveUser, effectivePassword,
                connectionParameters(jdbcUrl));
    }

    /** A JDBC URL for messages: without the value of a {@code password} parameter. */
    public static String redacted(String jdbcUrl) {
        return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
    }

    /**
     * The URL's parameters other than the credentials ({@code ?sslmode=require&...}), which the kit's own databases
     * on the server need too; empty where there are none.
     */
    static String connectionParameters(String jdbcUrl) {
        int question = jdbcUrl.indexOf('?');
        if (question < 0) {
            return "";
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(question + 1).split("&"))
                .filter(parameter -> !parameter.isEmpty())
                .filter(parameter -> {
                    String name = parameter.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
                    return !name.equals("user") && !name.equals("password");
                })
                .collect(java.util.stream.Collectors.joining("&"));
        return kept.isEmpty() ? "" : "?" + kept;
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

    /**
     * A server the kit did not start: it only creates and drops databases of its own there, and drops the roles
     * that its migrations created, where it can tell them apart (see {@link #close()}).
     */
    static final class ExternalServer extends PostgresServer {

        private static final String ROLES = "SELECT rolname FROM pg_roles";
        private static final String ROLES_A_DATABASE_USES = "SELECT DISTINCT r.rolname FROM pg_shdepend d"
                + " JOIN pg_database db ON db.oid = d.dbid"
                + " JOIN pg_roles r ON r.oid = d.refobjid AND d.refclassid = 'pg_authid'::regclass"
                + " WHERE db.datname = ?";

        private final String jdbcUrl;
        private final String host;
        private final int port;
        private final String database;
        private final String user;
        private final String password;
        private final String parameters;
        private final Set<String> rolesBefore = new HashSet<>();
        private final Set<String> rolesUsed = new LinkedHashSet<>();
        private String version;

        ExternalServer(String jdbcUrl, String host, int port, String database, String user, String password,
                       String parameters) {
            this.jdbcUrl = jdbcUrl;
            this.host = host;
            this.port = port;
            this.database = database;
            this.user = user;
            this.password = password;
            this.parameters = parameters;
        }

        /** A database's URL on this server, with the parameters of the configured URL (sslmode and the like). */
        @Override
        public String jdbcUrl(String database) {
            return super.jdbcUrl(database) + parameters;
        }

        /** Checks that the server answers and lets the user create databases; notes the roles that exist. */
        synchronized void verify() {
            if (version != null) {
                return;
            }
            try (Connection connection = connect(database);
                 Statement statement = connection.createStatement()) {
                try (ResultSet row = statement.executeQuery("SELECT current_setting('server_version'), "
                        + "rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                    row.next();
                    if (!row.getBoolean(2)) {
                        throw new KitException("Expecting " + user + " on " + jdbcUrl + " to be allowed to create"
                                + " databases (the kit works in databases of its own), but it has neither CREATEDB"
                                + " nor SUPERUSER.\nGrant it: ALTER ROLE " + user + " CREATEDB; or use the embedded"
                                + " provider.");
                    }
                    version = row.getString(1);
                }
                try (ResultSet rows = statement.executeQuery(ROLES)) {
                    while (rows.next()) {
                        rolesBefore.add(rows.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new KitException("Expecting a PostgreSQL server at " + jdbcUrl + " (rlstestkit.provider=external)"
                        + " as user " + user + ", but could not connect: " + e.getMessage()
                        + "\nCheck that the server runs and that rlstestkit.jdbc-url, rlstestkit.user and"
                        + " rlstestkit.password name it, or remove rlstestkit.provider to use the embedded provider,"
                        + " which needs no server.", e);
            }
        }

        /** Notes a role the kit created (before migrating), to drop it on close as it drops the migrations' roles. */
        @Override
        public synchronized void roleCreated(String role) {
            rolesUsed.add(role);
        }

        /** Drops a database of the kit's, once it has noted the roles that the database's objects use. */
        @Override
        public synchronized void dropDatabase(String name) {
            if (name.startsWith(DATABASE_PREFIX)) {
                try (PreparedStatement statement = admin().prepareStatement(ROLES_A_DATABASE_USES)) {
                    statement.setString(1, name);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rolesUsed.add(rows.getString(1));
                        }
                    }
                } catch (SQLException e) {
                    // the roles are cleaned up at best effort; the database is dropped all the same
                }
            }
            super.dropDatabase(name);
        }

        /**
         * Drops the roles the kit's migrations created, then closes the administration connection. Call it once the
         * kit's databases are dropped. A role is dropped only where it did not exist when the kit first connected
         * (so never a role of the server's own) and objects of a database of the kit's used it (owned by it, granted
         * to it, or a policy for it). PostgreSQL refuses to drop a role that anything else on the server still
         * depends on; such a role stays. A role that the migrations create and that none of their objects use stays
         * too: the kit cannot tell it from a role that someone else created meanwhile.
         */
        @Override
        public synchronized void close() {
            Set<String> created = new LinkedHashSet<>(rolesUsed);
            created.removeAll(rolesBefore);
            if (!created.isEmpty() && version != null) {
                for (String role : created) {
                    try (Statement statement = admin().createStatement()) {
                        statement.execute("DROP ROLE IF EXISTS " + Identifiers.quote(role));
                    } catch (SQLException e) {
                        // still used elsewhere on the server, or not the kit's user's to drop: it stays
                    }
                }
            }
            rolesUsed.clear();
            super.close();
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
