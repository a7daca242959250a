package io.rlstestkit.cli;

/**
 * A problem the user can fix: a missing folder, a bad configuration, migrations that fail. The command prints its
 * message, never a stack trace, and exits with {@link CheckResult#CONFIGURATION_ERROR}.
 */
public final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
