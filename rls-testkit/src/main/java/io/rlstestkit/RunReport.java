package io.rlstestkit;

import io.rlstestkit.internal.catalog.TableInfo;
import io.rlstestkit.internal.environment.TestRun;
import io.rlstestkit.internal.report.CoverageLog;
import io.rlstestkit.internal.report.CoverageRuns;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * What the extension tells the coverage report: when a test class that uses the kit starts and ends, and which
 * configurations its tests open sessions in.
 */
final class RunReport {

    private RunReport() {
    }

    /** A test class that uses the kit starts: it claims its root of extension contexts for the run it belongs to. */
    static void classStarting(ExtensionContext context) {
        CoverageRuns.instance().classStarting(context.getUniqueId(), context.getRoot());
    }

    /**
     * Whether a test class's run counts for the run's report: not where it runs through the engine test kit inside
     * another test (a {@link BrokenVariant}, a fixture of the kit's own tests).
     */
    static boolean counts(ExtensionContext context) {
        return CoverageRuns.instance().counts(context.getRoot());
    }

    /**
     * A test opens sessions in a configuration (an {@link RlsSession}, a {@link DenyMatrix}): the configuration's
     * tables with row-level security count for the coverage, unless the test runs through the engine test kit inside
     * another test. A configuration only an audit reads does not count.
     */
    static void sessionsIn(TestRun run, ExtensionContext context) {
        if (counts(context)) {
            CoverageLog.instance().environmentUsed(run.environmentLabel(),
                    run.environment().rlsTables().stream().map(TableInfo::displayName).toList());
        }
    }

    /**
     * A test class that uses the kit ended; where it is the last of the run and the coverage falls below the
     * minimum, it fails, and with it the build.
     */
    static void classEnded(ExtensionContext context) {
        CoverageRuns.instance().classEnded(context.getUniqueId(), context.getRoot()).ifPresent(failure -> {
            throw new AssertionFailedError(failure);
        });
    }
}
