package io.rlstestkit.assertion;

import io.rlstestkit.RlsSession;
import io.rlstestkit.internal.scope.ScopedSession;

/** Shared pieces of the assertions' failure messages. */
final class Failures {

    private Failures() {
    }

    /** The kit's session behind a public one, or an explanation of why there is none. */
    static ScopedSession scoped(RlsSession session) {
        if (session instanceof ScopedSession scoped) {
            return scoped;
        }
        throw new IllegalArgumentException("Expecting a session made by rls-testkit (injected with @AsTenant,"
                + " @AsWorker, @AsOwner or @AsScope), but got " + (session == null ? "null" : session.getClass()));
    }

    /** Escapes a message for AssertJ, which formats it with {@link String#format}. */
    static String literal(String message) {
        return message.replace("%", "%%");
    }
}
