package io.rlstestkit.internal.migration;

import org.apiguardian.api.API;

import java.sql.Connection;
import java.sql.SQLException;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * An empty database of the kit's, made for one check and dropped after it, on a server whose roles no test shares
 * (where the provider can give one): migrations and their undo scripts may create, alter and drop roles there.
 */
@API(status = INTERNAL)
public interface ScratchDatabase {

    /** Its JDBC URL. */
    String jdbcUrl();

    /** The user the kit logs in as, who runs the migrations. */
    String user();

    /** That user's password, or {@code null}. */
    String password();

    /** A new connection to it, as the kit's user. */
    Connection connect() throws SQLException;

    /** Where scratch databases come from: each is used by one piece of work, then dropped. */
    interface Source {

        /**
         * Runs work on a new scratch database (with the configuration's preset, if any, already applied), then drops
         * it, whatever the work did.
         */
        <T> T use(Work<T> work);
    }

    /** Work on a scratch database. */
    @FunctionalInterface
    interface Work<T> {
        T run(ScratchDatabase database) throws SQLException;
    }
}
