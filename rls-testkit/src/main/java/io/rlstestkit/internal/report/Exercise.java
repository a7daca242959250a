package io.rlstestkit.internal.report;

/**
 * A command an assertion ran on a table in a scope, whatever it proved: what the coverage report counts.
 *
 * @param environment the configuration's label (its migration locations)
 * @param table       the schema-qualified table
 * @param scope       the scope's label ({@code tenant b}, {@code worker}, {@code owner})
 * @param command     {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param source      the test class
 */
public record Exercise(String environment, String table, String scope, String command, String source) {

    /** The exercise a table check made. */
    static Exercise of(Proof proof) {
        return new Exercise(proof.environment(), proof.table(), proof.scope(), proof.command(), proof.source());
    }
}
