package io.rlstestkit.internal.report;

import org.apiguardian.api.API;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Every check the assertions of this JVM made, for the summary printed when the tests end (what the run proved).
 */
@API(status = INTERNAL)
public final class ProofLog {

    private static final ProofLog INSTANCE = new ProofLog();

    private final List<Proof> proofs = new ArrayList<>();
    private final Map<String, Set<String>> rlsTables = new LinkedHashMap<>();

    private ProofLog() {
    }

    /** The JVM's log. */
    public static ProofLog instance() {
        return INSTANCE;
    }

    /** Records a check; the coverage report counts it as exercising its table. */
    public synchronized void record(Proof proof) {
        proofs.add(proof);
        CoverageLog.instance().exercised(Exercise.of(proof));
    }

    /** Records the tables with row-level security of an environment, to report those no assertion touched. */
    public synchronized void environment(String environment, List<String> tables) {
        rlsTables.computeIfAbsent(environment, key -> new LinkedHashSet<>()).addAll(tables);
    }

    /** The checks so far. */
    public synchronized List<Proof> proofs() {
        return List.copyOf(proofs);
    }

    /** The tables with row-level security of each environment. */
    public synchronized Map<String, Set<String>> rlsTables() {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        rlsTables.forEach((environment, tables) -> copy.put(environment, Set.copyOf(tables)));
        return copy;
    }

    /** Forgets what a test class checked since its last summary, without printing it. */
    public synchronized void forget(String source) {
        proofs.removeIf(proof -> proof.source().equals(source));
    }

    /**
     * Prints what a test class proved since its last summary: each check that held, once, and the count of those
     * that did not; then forgets them. A class run again in the same JVM (through the engine test kit, against other
     * migrations) reports its own checks only, not those of an earlier run.
     *
     * @param source the test class
     */
    public synchronized void printSummary(String source, PrintStream out) {
        List<Proof> ofSource = proofs.stream().filter(proof -> proof.source().equals(source)).toList();
        proofs.removeAll(ofSource);
        if (ofSource.isEmpty()) {
            return;
        }
        Set<String> held = new TreeSet<>();
        Set<String> tables = new TreeSet<>();
        long failed = 0;
        for (Proof proof : ofSource) {
            if (proof.passed()) {
                held.add(proof.sentence());
                tables.add(proof.table());
            } else {
                failed++;
            }
        }
        if (held.isEmpty()) {
            out.println("rls-testkit: " + source + " proved nothing (" + Plurals.count(failed, "check") + " failed)");
            return;
        }
        out.println("rls-testkit: " + source + " proved " + Plurals.count(held.size(), "check") + " on "
                + Plurals.count(tables.size(), "table") + (failed == 0 ? "" : " (" + failed + " failed)") + ":");
        held.forEach(sentence -> out.println("  [x] " + sentence));
    }
}
