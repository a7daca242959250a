package io.rlstestkit;

import io.rlstestkit.internal.report.CoverageRuns;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/** What the extension tells the coverage report: when a test class that uses the kit ends. */
final class RunReport {

    private RunReport() {
    }

    /**
     * A test class that uses the kit ended; where it is the last of the run and the coverage falls below the
     * minimum, it fails, and with it the build.
     */
    static void classEnded(ExtensionContext context) {
        CoverageRuns.instance().classEnded(context.getUniqueId()).ifPresent(failure -> {
            throw new AssertionFailedError(failure);
        });
    }
}
