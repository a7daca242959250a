package io.rlstestkit;

import io.rlstestkit.assertion.PooledConnectionsAssert;
import io.rlstestkit.assertion.RlsSessionAssert;
import org.assertj.core.api.Assertions;

import javax.sql.DataSource;

/**
 * The entry point of the kit's assertions, and of AssertJ's: {@code import static
 * io.rlstestkit.RlsAssertions.assertThat;} gives both.
 * <pre>{@code
 * assertThat(b).cannotSee("invoices").rowsOf(a);
 * assertThat(b).cannotUpdate("invoices").rowsOf(a);
 * assertThat(b).execute("insert into invoices (tenant_id, amount) values (?, 10)", a.id()).violatesPolicy();
 * assertThat(worker).query("select distinct tenant_id from invoices").returnsRows(2);
 * }</pre>
 * Every statement an assertion runs is rolled back. Failure messages name the scope (role and settings), the
 * table, the statement and the outcome (SQLSTATE and the server's message).
 */
public class RlsAssertions extends Assertions {

    /** Not instantiated; extended only to inherit AssertJ's entry points. */
    protected RlsAssertions() {
    }

    /** Assertions on what a session's scope can do. */
    public static RlsSessionAssert assertThat(RlsSession session) {
        return new RlsSessionAssert(session);
    }

    /**
     * Assertions on the application's connection pool: after application code ran, the next connection handed out
     * carries no role or setting of it.
     */
    public static PooledConnectionsAssert assertThat(DataSource pool) {
        return new PooledConnectionsAssert(pool);
    }
}
