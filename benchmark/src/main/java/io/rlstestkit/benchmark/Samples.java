package io.rlstestkit.benchmark;

import java.util.Arrays;

/** Durations of one kind of step, in nanoseconds; their median in milliseconds. */
final class Samples {

    private long[] nanos = new long[64];
    private int size;

    /** Something to time. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Runs a step and records how long it took. */
    void time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        add(System.nanoTime() - start);
    }

    /** Records a duration measured elsewhere. */
    void add(long duration) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = duration;
    }

    /** How many durations there are. */
    int size() {
        return size;
    }

    /** The durations, in the order they were recorded. */
    long[] values() {
        return Arrays.copyOf(nanos, size);
    }

    /** The median, in milliseconds. */
    double medianMillis() {
        if (size == 0) {
            throw new IllegalStateException("No samples");
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        double median = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2.0;
        return median / 1_000_000.0;
    }
}
