package io.rlstestkit.internal;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A failure the user can act on: the message says what was expected, what was found and what to do.
 * Internal: thrown by the layers below the JUnit face, which reports it unchanged.
 */
@API(status = INTERNAL)
public class KitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KitException(String message) {
        super(message);
    }

    public KitException(String message, Throwable cause) {
        super(message, cause);
    }
}
