package io.rlstestkit.benchmark;

import io.rlstestkit.internal.database.EmbeddedProvider;
import io.rlstestkit.internal.database.PostgresServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Row 1: the kit's embedded cluster start without the cache of data directories ({@link EmbeddedProvider#start()}:
 * zonky plus the kit's settings, its log file and the watchdog) against a bare
 * {@code EmbeddedPostgres.builder().start()} of the same binaries. Interleaved, kit then bare, after one unmeasured
 * start of each (the first start unpacks the binaries); each cluster is stopped after it is measured.
 */
final class ClusterStart {

    private final int runs;

    ClusterStart(int runs) {
        this.runs = runs;
    }

    Comparison measure() throws Exception {
        Samples kit = new Samples();
        Samples bare = new Samples();
        for (int run = 0; run <= runs; run++) {
            boolean measured = run > 0;
            long start = System.nanoTime();
            PostgresServer server = new EmbeddedProvider(null).start();
            long kitTime = System.nanoTime() - start;
            server.close();

            start = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            long bareTime = System.nanoTime() - start;
            postgres.close();

            if (measured) {
                kit.add(kitTime);
                bare.add(bareTime);
            }
        }
        return new Comparison("1. cluster start", kit, "bare EmbeddedPostgres.builder().start()", bare,
                Target.ratioAtMost(1.1));
    }
}
