package io.rlstestkit.internal.database;

import io.rlstestkit.AsOwner;
import io.rlstestkit.AsTenant;
import io.rlstestkit.RlsDatabase;
import io.rlstestkit.RlsSession;
import io.rlstestkit.RlsTest;
import io.rlstestkit.Tenants;
import io.rlstestkit.testing.ChildJvm;
import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.FixtureMain;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.postgresql.Driver;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.rlstestkit.RlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * The {@code external} provider on a real server the kit did not start: the server that the system properties
 * {@code rlstestkit.it.external-jdbc-url}, {@code rlstestkit.it.external-user} and
 * {@code rlstestkit.it.external-password} name (CI sets them), or else a server this test starts itself.
 * <p>
 * The kit runs a test class in a JVM of its own, so that the test can see what the kit leaves when its JVM ends.
 * It is pointed at a sentinel database: the kit administers the server from there, and must not change it.
 */
class ExternalProviderTest {

    static final String URL_PROPERTY = "rlstestkit.it.external-jdbc-url";
    static final String USER_PROPERTY = "rlstestkit.it.external-user";
    static final String PASSWORD_PROPERTY = "rlstestkit.it.external-password";

    private static final String PREFIX = PostgresServer.DATABASE_PREFIX;
    private static final String CREATED_ROLE = "rls_it_tenant";
    private static final String EXISTING_ROLE = "rls_it_existing";

    private static Server server;
    private static String sentinel;
    private static boolean existingRoleCreatedHere;
    private static Set<String> databasesBefore;
    private static Set<String> rolesBefore;
    private static String sentinelBefore;
    private static ChildJvm child;

    @BeforeAll
    static void runTheKitAgainstTheServer() throws Exception {
        server = Server.fromSystemPropertiesOrStarted();
        sentinel = "rls_it_sentinel_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = server.connect(server.database());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + sentinel);
            statement.execute("DROP ROLE IF EXISTS " + CREATED_ROLE); // a leftover of an interrupted run
            existingRoleCreatedHere = !roles(statement).contains(EXISTING_ROLE);
            if (existingRoleCreatedHere) {
                statement.execute("CREATE ROLE " + EXISTING_ROLE + " NOLOGIN");
            }
        }
        try (Connection connection = server.connect(sentinel); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sentinel (id int PRIMARY KEY, note text)");
            statement.execute("INSERT INTO sentinel VALUES (1, 'written by the test'), (2, 'before the kit ran')");
            statement.execute("CREATE FUNCTION sentinel_count() RETURNS bigint LANGUAGE sql AS"
                    + " 'SELECT count(*) FROM sentinel'");
        }
        databasesBefore = databases();
        rolesBefore = roles();
        sentinelBefore = checksum(sentinel);

        List<String> args = new ArrayList<>(List.of(Isolation.class.getName(), "rlstestkit.provider=external",
                "rlstestkit.jdbc-url=" + server.url(sentinel), "rlstestkit.user=" + server.user()));
        if (server.password() != null) {
            args.add("rlstestkit.password=" + server.password());
        }
        child = ChildJvm.builder(FixtureMain.class).args(args.toArray(String[]::new)).start();
        assertThat(child.awaitExit(Duration.ofSeconds(120))).as("exit status; output:%n%s", child.output()).isZero();
    }

    @AfterAll
    static void dropTheSentinel() throws Exception {
        try {
            if (child != null) {
                child.close();
            }
            if (server != null && sentinel != null) {
                try (Connection connection = server.connect(server.database());
                     Statement statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + sentinel + " WITH (FORCE)");
                    if (existingRoleCreatedHere) {
                        statement.execute("DROP ROLE IF EXISTS " + EXISTING_ROLE);
                    }
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void testsPassAgainstTheExternalServer() {
        assertThat(FixtureMain.failures(child)).isEmpty();
        assertThat(FixtureMain.tests(child)).isEqualTo("succeeded=2 failed=0 aborted=0 skipped=0");
    }

    @Test
    void kitWorksInDatabasesNamedWithItsPrefix() {
        String current = reported(Isolation.DATABASE);
        Set<String> created = new TreeSet<>(List.of(reported(Isolation.DATABASES).split(",")));
        created.removeAll(databasesBefore);

        assertThat(current).startsWith(PREFIX);
        assertThat(created).as("databases that appeared while the tests ran").contains(current)
                .allSatisfy(name -> assertThat(name).startsWith(PREFIX));
    }

    @Test
    void kitDropsItsDatabasesWhenItsJvmEnds() throws SQLException {
        Set<String> created = new TreeSet<>(List.of(reported(Isolation.DATABASES).split(",")));
        created.removeAll(databasesBefore);

        assertThat(created).isNotEmpty();
        assertThat(databases()).as("databases after the kit's JVM ended").doesNotContainAnyElementsOf(created);
    }

    @Test
    void kitLeavesTheDatabaseItWasPointedAtUnchanged() throws SQLException {
        assertThat(checksum(sentinel)).as("schema and rows (with their xmin) of " + sentinel)
                .isEqualTo(sentinelBefore);
    }

    @Test
    void kitDropsTheRolesItsMigrationsCreatedAndKeepsTheOthers() throws SQLException {
        assertThat(FixtureMain.failures(child)).as("the tenant scope switched to " + CREATED_ROLE).isEmpty();

        Set<String> rolesAfter = roles();

        assertThat(rolesBefore).doesNotContain(CREATED_ROLE).contains(EXISTING_ROLE);
        assertThat(rolesAfter).doesNotContain(CREATED_ROLE).contains(EXISTING_ROLE);
        assertThat(rolesAfter).isEqualTo(rolesBefore);
    }

    @Test
    void withoutJdbcUrlTheClassFailsSayingWhatToSet() {
        // WHEN
        EngineExecutionResults results = Fixtures.run(Isolation.class, Map.of("rlstestkit.provider", "external"));

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(Isolation.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message("Expecting rlstestkit.jdbc-url to name"
                        + " the server for rlstestkit.provider=external, but it is not set.\nSet it"
                        + " (jdbc:postgresql://host:5432/postgres) with rlstestkit.user and rlstestkit.password, as"
                        + " system properties or in junit-platform.properties, or remove rlstestkit.provider to use"
                        + " the embedded provider."))));
    }

    @Test
    void aPortNobodyListensOnFailsTheClassAtOnceWithoutShowingThePassword() throws IOException {
        // GIVEN
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=someone&password=secret";

        // WHEN
        EngineExecutionResults results = Fixtures.run(Isolation.class, Map.of("rlstestkit.provider", "external",
                "rlstestkit.jdbc-url", url));

        // THEN
        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(Isolation.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message("Expecting a PostgreSQL server at"
                        + " jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=someone&password=***"
                        + " (rlstestkit.provider=external) as user someone, but could not connect: Connection to"
                        + " 127.0.0.1:" + port + " refused. Check that the hostname and port are correct and that the"
                        + " postmaster is accepting TCP/IP connections.\nCheck that the server runs and that"
                        + " rlstestkit.jdbc-url, rlstestkit.user and rlstestkit.password name it, or remove"
                        + " rlstestkit.provider to use the embedded provider, which needs no server."))));
    }

    /** What the fixture printed after a prefix. */
    private static String reported(String prefix) {
        List<String> lines = child.linesStartingWith(prefix);
        assertThat(lines).as("lines starting with \"%s\" in the output:%n%s", prefix, child.output()).hasSize(1);
        return lines.get(0);
    }

    private static Set<String> databases() throws SQLException {
        try (Connection connection = server.connect(server.database());
             Statement statement = connection.createStatement()) {
            return strings(statement, "SELECT datname FROM pg_database");
        }
    }

    private static Set<String> roles() throws SQLException {
        try (Connection connection = server.connect(server.database());
             Statement statement = connection.createStatement()) {
            return roles(statement);
        }
    }

    private static Set<String> roles(Statement statement) throws SQLException {
        return strings(statement, "SELECT rolname FROM pg_roles");
    }

    private static Set<String> strings(Statement statement, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** A digest of a database's own objects (schemas, relations, columns, functions, policies, grants) and rows. */
    private static String checksum(String database) throws SQLException {
        String own = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'";
        String sql = "SELECT count(*) || ' lines, md5 ' || md5(string_agg(line, E'\\n' ORDER BY line)) FROM ("
                + " SELECT 'schema ' || n.nspname || ' ' || n.nspowner::regrole || ' ' || coalesce(n.nspacl::text, '')"
                + "   FROM pg_namespace n WHERE " + own
                + " UNION ALL SELECT 'relation ' || c.oid::regclass || ' ' || c.relkind::text || ' '"
                + "   || c.relowner::regrole || ' ' || coalesce(c.relacl::text, '') || ' ' || c.relrowsecurity || ' '"
                + "   || c.relforcerowsecurity"
                + "   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + own
                + " UNION ALL SELECT 'column ' || c.oid::regclass || '.' || a.attname || ' '"
                + "   || format_type(a.atttypid, a.atttypmod) || ' ' || coalesce(a.attacl::text, '')"
                + "   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n"
                + "   ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped AND " + own
                + " UNION ALL SELECT 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) || ' '"
                + "   || coalesce(p.proacl::text, '') FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + "   WHERE " + own
                + " UNION ALL SELECT 'policy ' || polrelid::regclass || ' ' || polname FROM pg_policy"
                + " UNION ALL SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension"
                + " UNION ALL SELECT 'database ' || datname || ' ' || datdba::regrole || ' '"
                + "   || coalesce(datacl::text, '')"
                + "   FROM pg_database WHERE datname = current_database()"
                + " UNION ALL SELECT 'setting ' || setrole || ' ' || array_to_string(setconfig, ',')"
                + "   FROM pg_db_role_setting WHERE setdatabase = (SELECT oid FROM pg_database"
                + "   WHERE datname = current_database())"
                + " UNION ALL SELECT 'row ' || s.xmin || ' ' || s::text FROM sentinel s"
                + ") AS lines(line)";
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** The server under test: named by system properties, or started here (an embedded cluster, used as any server). */
    private record Server(String host, int port, String database, String user, String password,
                          PostgresServer started) implements AutoCloseable {

        static Server fromSystemPropertiesOrStarted() {
            String url = System.getProperty(URL_PROPERTY);
            if (url != null && !url.isBlank()) {
                Properties parsed = Driver.parseURL(url, new Properties());
                if (parsed == null) {
                    throw new IllegalArgumentException("Expecting " + URL_PROPERTY + " to be a PostgreSQL JDBC URL,"
                            + " but it is " + url);
                }
                return new Server(parsed.getProperty("PGHOST", "localhost"),
                        Integer.parseInt(parsed.getProperty("PGPORT", "5432")), parsed.getProperty("PGDBNAME",
                        "postgres"), System.getProperty(USER_PROPERTY, parsed.getProperty("user", "postgres")),
                        System.getProperty(PASSWORD_PROPERTY, parsed.getProperty("password")), null);
            }
            // zonky's cluster, with the kit's watchdog: it goes away with this JVM, however the JVM ends
            PostgresServer started = new EmbeddedProvider().start();
            return new Server(started.host(), started.port(), "postgres", started.user(), started.password(), started);
        }

        String url(String name) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        Connection connect(String name) throws SQLException {
            Properties properties = new Properties();
            properties.setProperty("user", user);
            if (password != null) {
                properties.setProperty("password", password);
            }
            return DriverManager.getConnection(url(name), properties);
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }

    /**
     * Isolation on the external server; reports the databases it sees, and commits in the kit's database last, so
     * that the kit replaces that database in the background while its JVM ends.
     */
    @Fixture
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @RlsTest(migrations = "classpath:fixtures/external/migrations", seed = "classpath:fixtures/external/seed.sql",
            tenantRole = CREATED_ROLE, workerRole = EXISTING_ROLE)
    static class Isolation {

        static final String DATABASE = "DATABASE ";
        static final String DATABASES = "DATABASES ";

        @Test
        @Order(1)
        void tenantsAreIsolated(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner, Tenants tenants) {
            assertThat(b).cannotSee("invoices").rowsOf(tenants.get("a"));
            assertThat(b).execute("INSERT INTO invoices (tenant_id, amount) VALUES (?, 10)", tenants.get("a").id())
                    .violatesPolicy();
            System.out.println(DATABASE + owner.query("SELECT current_database() AS name").get(0).get("name"));
            System.out.println(DATABASES + String.join(",", owner.query("SELECT datname FROM pg_database").stream()
                    .map(row -> (String) row.get("datname")).toList()));
        }

        @Test
        @Order(2) // last: its database is replaced in the background while the JVM ends
        void committedChangesStayInTheKitsDatabase(RlsDatabase database) throws SQLException {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO invoices (tenant_id, amount) VALUES (gen_random_uuid(), 1)");
            }
        }
    }
}
