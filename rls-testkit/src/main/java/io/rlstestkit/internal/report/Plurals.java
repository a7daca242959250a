package io.rlstestkit.internal.report;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Counts in words, for every message of the kit: {@code 1 check}, {@code 2 checks}. */
@API(status = INTERNAL)
public final class Plurals {

    private Plurals() {
    }

    /** The count and the noun, plural where the count is not 1: {@code count(1, "check")} is {@code 1 check}. */
    public static String count(long count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }
}
