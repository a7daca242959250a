package io.rlstestkit;

import io.rlstestkit.internal.KitException;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * How the core's failures that a user can act on reach the user: as JUnit's {@link ExtensionConfigurationException}
 * (in a {@link ParameterResolutionException} where a parameter was being resolved), with the core's message unchanged
 * and the core's own cause, never the kit's internal exception type.
 */
final class Misconfiguration {

    private Misconfiguration() {
    }

    /** The core's failure as JUnit's configuration failure, thrown where the kit found it. */
    static ExtensionConfigurationException of(KitException failure) {
        ExtensionConfigurationException reported = new ExtensionConfigurationException(failure.getMessage(),
                failure.getCause());
        reported.setStackTrace(failure.getStackTrace());
        return reported;
    }

    /** The core's failure while resolving a parameter, with JUnit's configuration failure as its cause. */
    static ParameterResolutionException ofParameter(KitException failure) {
        return new ParameterResolutionException(failure.getMessage(), of(failure));
    }
}
