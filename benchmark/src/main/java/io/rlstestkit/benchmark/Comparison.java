package io.rlstestkit.benchmark;

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

    double ratio() {
        return kit.medianMillis() / plain.medianMillis();
    }
}
