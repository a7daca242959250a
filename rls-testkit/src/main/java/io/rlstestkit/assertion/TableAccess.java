package io.rlstestkit.assertion;

import io.rlstestkit.RlsSession;
import io.rlstestkit.internal.probe.TableCheck;

/**
 * The subject of a table assertion: a session, a table and what to check.
 *
 * @param session the session
 * @param table   the table, as the test names it
 * @param check   what to check
 */
public record TableAccess(RlsSession session, String table, TableCheck check) {
}
