package io.rlstestkit;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.assertThatThrownBy;

/** Application code runs on a session's JDBC connection, in the session's scope, inside the test's transaction. */
@SoundSchema
class SessionConnectionTest {

    /** A piece of application code: counts invoices, in a transaction of its own. */
    private static long countInvoices(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement("select count(*) from invoices");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            long count = rows.getLong(1);
            connection.commit();
            return count;
        }
    }

    @Test
    void statementsRunInTheSessionsScope(@AsTenant("a") RlsSession a, @AsWorker RlsSession worker)
            throws SQLException {
        Connection asA = a.connection();
        Connection asWorker = worker.connection();
        assertThat(countInvoices(asA)).isEqualTo(3);
        assertThat(countInvoices(asWorker)).isEqualTo(6);
        assertThat(countInvoices(asA)).isEqualTo(3);
    }

    @Test
    void aCommitKeepsTheWorkUntilTheTestEndsAndARollbackUndoesIt(@AsTenant("a") RlsSession a, Tenants tenants)
            throws SQLException {
        try (Connection connection = a.connection()) {
            connection.setAutoCommit(false);
            insert(connection, tenants.get("a"), "a-committed");
            connection.commit();
            insert(connection, tenants.get("a"), "a-rolled-back");
            connection.rollback();
        }
        assertThat(a.query("select number from invoices where number like 'a-%ed' order by 1"))
                .containsExactly(Map.of("number", "a-committed"));
    }

    @Test
    void aFailedStatementDoesNotBreakTheTest(@AsTenant("a") RlsSession a, Tenants tenants) throws SQLException {
        Connection connection = a.connection();
        assertThatThrownBy(() -> insert(connection, tenants.get("b"), "b-stolen"))
                .hasMessageContaining("new row violates row-level security policy");
        assertThat(a.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 3L));
    }

    @Test
    void closingTheConnectionClosesOnlyTheView(@AsTenant("a") RlsSession a) throws SQLException {
        Connection connection = a.connection();
        connection.close();
        assertThat(connection.isClosed()).isTrue();
        assertThatThrownBy(connection::createStatement).isInstanceOf(SQLException.class);
        assertThat(a.query("select count(*) as n from invoices")).containsExactly(Map.of("n", 3L));
    }

    private static void insert(Connection connection, Tenant tenant, String number) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "insert into invoices(tenant_id, number, amount) values (?, ?, 1)")) {
            statement.setObject(1, tenant.id());
            statement.setString(2, number);
            statement.executeUpdate();
        }
    }
}
