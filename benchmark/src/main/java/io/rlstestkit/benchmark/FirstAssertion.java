package io.rlstestkit.benchmark;

import io.rlstestkit.internal.database.WorkingDatabase;
import io.rlstestkit.internal.environment.Environment;
import io.rlstestkit.internal.environment.Environments;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * One run of a test, in a JVM of its own (as a developer's run from the IDE is): from the JVM's start to the first
 * assertion on a copy of the migrated and seeded template. Prints {@code FIRST_ASSERTION <ms since the JVM started>}
 * and {@code ENVIRONMENT <ms for the cluster start, migrate and seed>}; the kit's shutdown hook then stops the
 * cluster (and keeps it in the cache, where the cache is on and has no entry for it yet).
 * Arguments: the schema's name, the repository root, and the migration folder to use instead of the schema's.
 */
final class FirstAssertion {

    static final String FIRST = "FIRST_ASSERTION ";
    static final String ENVIRONMENT = "ENVIRONMENT ";

    private FirstAssertion() {
    }

    public static void main(String[] args) throws Exception {
        ExampleSchema schema = ExampleSchema.choose(args[0], Path.of(args[1]));
        long started = System.nanoTime();
        Environment environment = Environments.instance().environment(KitConfigurations.of(schema, Path.of(args[1]),
                KitConfigurations.defaultTenants(), "filesystem:" + Path.of(args[2]).toAbsolutePath()));
        long environmentNanos = System.nanoTime() - started;
        WorkingDatabase database = environment.pool().acquire();
        Connection connection = database.borrow();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema.table())) {
            rows.next();
            if (rows.getLong(1) == 0) {
                throw new IllegalStateException("Expecting seeded rows in " + schema.table() + ", but found none");
            }
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        database.giveBack(connection);
        System.out.println(FIRST + sinceJvmStart);
        System.out.println(ENVIRONMENT + environmentNanos / 1_000_000);
    }
}
