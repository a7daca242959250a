package io.rlstestkit.internal.guard;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * What the guard read on one borrowed connection, kept while nothing can have changed it: the facts read in an open
 * transaction hold for its next statements on tables with row-level security, until the application ends the
 * transaction or a savepoint's part of it ({@code commit}, {@code rollback}, {@code setAutoCommit}, a savepoint), or
 * runs any statement that could set the tenant or the role: one on no table with row-level security
 * ({@code SET}, {@code RESET}, {@code SELECT set_config(...)}, a function, {@code COMMIT} as SQL), or one whose text
 * calls {@code set_config} or says {@code SET LOCAL}, {@code SET ROLE}, {@code SET SESSION} or {@code RESET}. One per
 * guarded connection, used by the thread that holds it.
 */
final class TransactionMemo {

    private static final Pattern CHANGES_CONTEXT = Pattern.compile(
            "set_config|\\bset\\s+(local|session|role)\\b|\\breset\\b", Pattern.CASE_INSENSITIVE);

    private BaseConnection base;
    private boolean resolved;
    private SessionFacts facts;

    /** The transaction state of the application's connection, without a round trip; open where it cannot say. */
    TransactionState state(Connection connection) throws SQLException {
        if (!resolved) {
            base = connection.isWrapperFor(BaseConnection.class) ? connection.unwrap(BaseConnection.class) : null;
            resolved = true;
        }
        return base == null ? TransactionState.OPEN : base.getTransactionState();
    }

    /** The facts kept for the open transaction, or {@code null}. */
    SessionFacts facts() {
        return facts;
    }

    /** Keeps facts read in the open transaction. */
    void keep(SessionFacts read) {
        facts = read;
    }

    /** Forgets what was kept: the transaction ended, or something may have changed the tenant or the role. */
    void forget() {
        facts = null;
    }

    /** Whether a statement on tables with row-level security may change the tenant or the role as it runs. */
    static boolean changesContext(String sql) {
        return CHANGES_CONTEXT.matcher(sql).find();
    }
}
