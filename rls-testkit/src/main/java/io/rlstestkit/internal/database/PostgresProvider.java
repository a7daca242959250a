package io.rlstestkit.internal.database;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Where PostgreSQL comes from: a one-method source of servers, as zonky's {@code DatabaseProvider} is.
 */
@API(status = INTERNAL)
public interface PostgresProvider {

    /**
     * A server for a group of configurations whose migrations share their roles. Providers that start servers
     * start a new one on each call, so that roles (which belong to a whole server) stay apart; a provider that
     * reaches an existing server returns that server each time.
     */
    PostgresServer start();

    /** Whether each {@link #start()} gives a server of its own (false: every configuration shares one server). */
    boolean isolatesRoles();

    /** The provider's name as {@code rlstestkit.provider} spells it. */
    String name();
}
