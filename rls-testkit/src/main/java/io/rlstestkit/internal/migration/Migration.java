package io.rlstestkit.internal.migration;

import org.apiguardian.api.API;

import java.math.BigInteger;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A migration read from a tool's folder (not Flyway's: Flyway reads its own): its version, the SQL that applies it
 * and, where the tool has them, the SQL that undoes it.
 *
 * @param version       its version as the tool names it: {@code 000003}, {@code 20240414161707}
 * @param description   its name: {@code policies}
 * @param up            the SQL that applies it
 * @param down          the SQL that undoes it, or {@code null}
 * @param transactional whether it runs in a transaction ({@code false} for dbmate's {@code transaction:false})
 * @param addDown       what to do where it has no down script, for messages: {@code add 000003_policies.down.sql
 *                      beside it}
 */
@API(status = INTERNAL)
public record Migration(String version, String description, Sql up, Sql down, boolean transactional,
                        String addDown) {

    /**
     * SQL from a file.
     *
     * @param file        the file, relative to the location: {@code 000003_policies.up.sql}
     * @param text        the SQL
     * @param firstLine   the line of the file the SQL starts on (a dbmate section starts below its marker)
     * @param breakpoints whether statements are split on {@code --> statement-breakpoint} lines (Drizzle)
     */
    public record Sql(String file, String text, int firstLine, boolean breakpoints) {

        /** SQL that is a whole file. */
        public static Sql of(String file, String text) {
            return new Sql(file, text, 1, false);
        }
    }

    /** Whether a version the user wrote names this one: {@code "3"} names {@code 000003}. */
    public boolean isVersion(String text) {
        String wanted = text.strip();
        if (wanted.equals(version)) {
            return true;
        }
        return wanted.matches("\\d+") && version.matches("\\d+")
                && new BigInteger(wanted).equals(new BigInteger(version));
    }

    /** The file that applies it, for messages. */
    public String file() {
        return up.file();
    }
}
