package io.rlstestkit.benchmark;

/**
 * A target a step should meet: a ratio to its baseline, a time of its own, or none.
 *
 * @param description  as the table shows it
 * @param maxRatio     the highest kit/baseline ratio allowed, or {@code NaN}
 * @param maxMillis    the highest median allowed for the kit, or {@code NaN}
 */
record Target(String description, double maxRatio, double maxMillis) {

    static final Target NONE = new Target("-", Double.NaN, Double.NaN);

    static Target ratioAtMost(double ratio) {
        return new Target("<= " + ratio + "x", ratio, Double.NaN);
    }

    static Target millisAtMost(double millis) {
        return new Target("<= " + (long) millis + " ms", Double.NaN, millis);
    }

    /**
     * {@code met}, {@code MISSED}, or {@code -} where there is no target.
     *
     * @param kitMillis the kit's median
     * @param ratio     the median of the kit/baseline ratios of the interleaved pairs
     */
    String verdict(double kitMillis, double ratio) {
        if (Double.isNaN(maxRatio) && Double.isNaN(maxMillis)) {
            return "-";
        }
        boolean met = (Double.isNaN(maxRatio) || ratio <= maxRatio)
                && (Double.isNaN(maxMillis) || kitMillis <= maxMillis);
        return met ? "met" : "MISSED";
    }
}
