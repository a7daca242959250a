package io.rlstestkit.benchmark;

import java.util.Arrays;

/**
 * One row of the table: a step as the kit does it, next to a baseline measured in the same run.
 *
 * @param step     what the kit does
 * @param kit      the kit's durations
 * @param baseline what the baseline does
 * @param plain    the baseline's durations
 * @param target   what the step should meet
 */
record Comparison(String step, Samples kit, String baseline, Samples plain, Target target) {

    /** The kit's median over the baseline's. */
    double ratio() {
        return kit.medianMillis() / plain.medianMillis();
    }

    /**
     * The kit/baseline ratio of each interleaved pair at the 25th, 50th and 75th percentile. Each pair ran back to
     * back, so its ratio is hardly moved by load that drifts during the run, unlike the ratio of the two medians.
     */
    double[] pairRatios() {
        long[] kitValues = kit.values();
        long[] plainValues = plain.values();
        int pairs = Math.min(kitValues.length, plainValues.length);
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            ratios[i] = (double) kitValues[i] / plainValues[i];
        }
        Arrays.sort(ratios);
        double median = (ratios[(pairs - 1) / 2] + ratios[pairs / 2]) / 2;
        return new double[] {ratios[(pairs - 1) / 4], median, ratios[(3 * (pairs - 1) + 3) / 4]};
    }
}
