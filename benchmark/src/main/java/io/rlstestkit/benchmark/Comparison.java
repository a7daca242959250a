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
     * The 25th and 75th percentile of the kit/baseline ratio of each interleaved pair: how far the ratio moves with
     * the machine's noise.
     */
    double[] pairRatioQuartiles() {
        long[] kitValues = kit.values();
        long[] plainValues = plain.values();
        int pairs = Math.min(kitValues.length, plainValues.length);
        double[] ratios = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            ratios[i] = (double) kitValues[i] / plainValues[i];
        }
        Arrays.sort(ratios);
        return new double[] {ratios[(pairs - 1) / 4], ratios[(3 * (pairs - 1) + 3) / 4]};
    }
}
