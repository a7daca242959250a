package io.rlstestkit.benchmark;

import io.rlstestkit.internal.database.PostgresServer;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The baseline of row 2, done by hand on the same server: {@code CREATE DATABASE}, a plain Flyway migrate of the
 * same location, then the seed script once per tenant in a transaction of its own, with plain JDBC.
 */
final class PlainMigration implements AutoCloseable {

    private final PostgresServer server;
    private final String location;
    private final String seed;
    private final Connection admin;

    PlainMigration(PostgresServer server, ExampleSchema schema, Path root) throws SQLException, IOException {
        this.server = server;
        this.location = schema.migrationLocation(root);
        this.seed = Files.readString(root.resolve(schema.seed()), StandardCharsets.UTF_8);
        this.admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
    }

    /** Creates, migrates and seeds a database for the tenants (key to id). */
    void run(String database, Map<String, String> tenants) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        String url = server.jdbcUrl(database);
        Flyway.configure().dataSource(url, server.user(), server.password()).locations(location).load().migrate();
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password())) {
            connection.setAutoCommit(false);
            for (Map.Entry<String, String> tenant : tenants.entrySet()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(seed.replace("${tenant.id}", tenant.getValue())
                            .replace("${tenant.key}", tenant.getKey()));
                }
                connection.commit();
            }
        }
    }

    /** Drops a database {@link #run} made. */
    void drop(String database) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE " + database + " WITH (FORCE)");
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}
