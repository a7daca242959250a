package io.rlstestkit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.rlstestkit.RlsAssertions.assertThat;
import static io.rlstestkit.RlsAssertions.catchThrowable;

/**
 * An undo script that drops a column and adds it back cannot restore the column's position: the round trip reports
 * position differences apart, after the real ones, and {@code ignoringColumnOrder()} leaves them out.
 */
class ColumnOrderRoundTripTest {

    private static String header(String fixture) {
        return "\nExpecting every migration at " + RoundTrips.FIXTURES + fixture + " to be reversible: its undo script"
                + " restores the schema before it, and migrating it again, the schema after it,\nbut:\n  ";
    }

    private static final String APART = "only columns' positions differ (a column dropped and added back comes back"
            + " last; where the order of columns does not matter, ignoringColumnOrder() leaves these out):\n"
            + "    column public.invoices.amount: position still 3 after undo of version 2 (before version 2: 4)\n"
            + "    column public.invoices.note: position 4 after undo of version 2, but 3 before version 2\n";

    /** The undo of version 2 adds a column back, and forgets another column's default. */
    @Nested
    @RlsTest(migrations = RoundTrips.FIXTURES + "column-order")
    class WithARealDefectToo {

        @Test
        void listsTheRealDefectFirstAndThePositionsApart(MigrationRoundTrip roundTrip) {
            // WHEN
            Throwable failure = catchThrowable(roundTrip::assertEveryStepReversible);
            // THEN
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("column-order")
                    + "column public.invoices.amount: default still 0 after undo of version 2 (before version 2:"
                    + " none)\n  and " + APART + "Versions checked: 1, 2.");
        }

        @Test
        void ignoringColumnOrderStillFailsForTheRealDefect(MigrationRoundTrip roundTrip) {
            // WHEN
            Throwable failure = catchThrowable(() -> roundTrip.ignoringColumnOrder().assertEveryStepReversible());
            // THEN
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("column-order")
                    + "column public.invoices.amount: default still 0 after undo of version 2 (before version 2:"
                    + " none)\nVersions checked: 1, 2.");
        }
    }

    /** The undo of version 2 adds the column back: only the positions differ. */
    @Nested
    @RlsTest(migrations = RoundTrips.FIXTURES + "column-order-only")
    class WithPositionsOnly {

        @Test
        void failsSayingOnlyThePositionsDiffer(MigrationRoundTrip roundTrip) {
            // WHEN
            Throwable failure = catchThrowable(roundTrip::assertEveryStepReversible);
            // THEN
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage(header("column-order-only")
                    + APART + "Versions checked: 1, 2.");
        }

        @Test
        void passesIgnoringColumnOrder(MigrationRoundTrip roundTrip) {
            roundTrip.ignoringColumnOrder().assertEveryStepReversible();
        }
    }
}
