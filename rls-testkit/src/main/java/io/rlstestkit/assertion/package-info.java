/**
 * The assertion types that {@link io.rlstestkit.RlsAssertions} returns: on a session's scope
 * ({@link io.rlstestkit.assertion.RlsSessionAssert}), on a query or statement run in it
 * ({@link io.rlstestkit.assertion.QueryAssert}, {@link io.rlstestkit.assertion.StatementAssert}), on a table check
 * with its positive controls and blind probes ({@link io.rlstestkit.assertion.TableAccessAssert}), and on the
 * application's connection pool ({@link io.rlstestkit.assertion.PooledConnectionsAssert}). Every statement an
 * assertion runs is rolled back.
 */
package io.rlstestkit.assertion;
