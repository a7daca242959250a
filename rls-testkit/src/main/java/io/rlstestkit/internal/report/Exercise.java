package io.rlstestkit.internal.report;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A command an assertion ran on a table in a scope, whatever it proved: what the coverage report counts.
 *
 * @param environment the configuration's label (its migration locations)
 * @param table       the schema-qualified table
 * @param scope       the scope's label ({@code tenant b}, {@code worker}, {@code owner})
 * @param command     {@code SELECT}, {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param source      the test class
 */
@API(status = INTERNAL)
public record Exercise(String environment, String table, String scope, String command, String source) {

    /** The exercise a table check made. */
    static Exercise of(Proof proof) {
        return new Exercise(proof.environment(), proof.table(), proof.scope(), proof.command(), proof.source());
    }
}
