package io.rlstestkit.internal.migration;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The script splitter, directly: statements with the line each starts on, as the driver's parser splits them. */
class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesDollarQuotesAndComments() throws SQLException {
        // GIVEN
        String script = """
                -- the tenants
                create table t (id int, note text default 'a;b');
                /* a block; with a semicolon */
                create function f() returns int language sql as $$ select 1; $$;

                insert into t values (1, 'x');
                """;

        // WHEN / THEN
        assertThat(SqlScript.statements(script)).extracting(SqlScript.Statement::sql, SqlScript.Statement::line)
                .containsExactly(
                        tuple("create table t (id int, note text default 'a;b')", 2),
                        tuple("create function f() returns int language sql as $$ select 1; $$", 4),
                        tuple("insert into t values (1, 'x')", 6));
    }

    @Test
    void leavesOutEmptyStatementsAndComments() throws SQLException {
        assertThat(SqlScript.statements("-- nothing\n;\n/* still nothing */;")).isEmpty();
    }

    @Test
    void abbreviatesForMessages() {
        assertThat(SqlScript.abbreviate("select\n   1,\n   2")).isEqualTo("select 1, 2");
        assertThat(SqlScript.abbreviate("x".repeat(250))).hasSize(200).endsWith("...");
        assertThat(SqlScript.abbreviate(null)).isEmpty();
        assertThat(SqlScript.firstLine("ERROR: boom\n  Hint: do it")).isEqualTo("ERROR: boom");
    }
}
