package io.rlstestkit;

import io.rlstestkit.testing.Fixture;
import io.rlstestkit.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static io.rlstestkit.RlsAssertions.assertThat;

/** Tests that run in parallel each start from the seeded state and do not see each other's changes. */
class ParallelTestsTest {

    private static final int TESTS = 4;

    @Test
    void parallelTestsDoNotSeeEachOthersChanges() {
        Fixtures.run(ConcurrentTests.class, Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(TESTS)))
                .testEvents().assertStatistics(stats -> stats.started(TESTS).succeeded(TESTS));
    }

    @SoundSchema
    @Fixture
    static class ConcurrentTests {

        /** Every test waits here until all have changed their database: they overlap for sure. */
        private static final CyclicBarrier ALL_CHANGED = new CyclicBarrier(TESTS);

        @Test
        void deletesWithoutCommitting(@AsOwner RlsSession owner) throws Exception {
            assertSeeded(owner);
            owner.update("delete from payments");
            owner.update("delete from invoices");
            ALL_CHANGED.await(60, TimeUnit.SECONDS);
            assertThat(owner.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 0L));
        }

        @Test
        void deletesAndCommits(@AsOwner RlsSession owner, RlsDatabase database) throws Exception {
            assertSeeded(owner);
            execute(database, "delete from payments", "delete from invoices");
            ALL_CHANGED.await(60, TimeUnit.SECONDS);
            assertThat(owner.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 0L));
        }

        @Test
        void insertsAndCommits(@AsOwner RlsSession owner, RlsDatabase database, Tenants tenants) throws Exception {
            assertSeeded(owner);
            execute(database, "insert into invoices (tenant_id, number, amount) values ('"
                    + tenants.get("a").id() + "', 'a-parallel', 1)");
            ALL_CHANGED.await(60, TimeUnit.SECONDS);
            assertThat(owner.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 7L));
        }

        @Test
        void onlyReads(@AsTenant("b") RlsSession b, @AsOwner RlsSession owner) throws Exception {
            assertSeeded(owner);
            ALL_CHANGED.await(60, TimeUnit.SECONDS);
            assertSeeded(owner);
            assertThat(b).cannotSee("invoices").rowsOf("a");
        }

        private static void assertSeeded(RlsSession owner) {
            assertThat(owner.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 6L));
        }

        private static void execute(RlsDatabase database, String... statements) throws SQLException {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        }
    }
}
