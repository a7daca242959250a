package io.rlstestkit.benchmark;

import io.rlstestkit.internal.database.ClusterCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Rows 6 to 8: a run of one test in a JVM of its own ({@link FirstAssertion}), from the JVM's start to the first
 * assertion, with the cache of data directories against today's path (the cache off, {@code rlstestkit.cache=false}),
 * interleaved: the first run (an empty cache), a repeat run with the migrations unchanged, and a repeat run after
 * one migration changed (a comment appended to the last migration, a new one each time). Row 7 also gives the
 * repeat run's cluster start, migrate and seed on their own.
 */
final class RepeatRun {

    private final ExampleSchema schema;
    private final Path root;
    private final int runs;
    private final Path workspace;

    RepeatRun(ExampleSchema schema, Path root, int runs) throws IOException {
        this.schema = schema;
        this.root = root;
        this.runs = runs;
        this.workspace = Files.createTempDirectory("rls-testkit-benchmark-");
    }

    List<Comparison> measure() throws Exception {
        Path migrations = workspace.resolve("migrations");
        copy(root.resolve(schema.migrations()), migrations);
        Path cache = workspace.resolve("cache");
        Samples first = new Samples();
        Samples repeat = new Samples();
        Samples changed = new Samples();
        Samples todayFirst = new Samples();
        Samples todayRepeat = new Samples();
        Samples todayChanged = new Samples();
        Samples repeatEnvironment = new Samples();
        Samples todayEnvironment = new Samples();
        try {
            run(migrations, cache, true); // unmeasured: the binaries unpacked, the page cache warm
            for (int run = 0; run < runs; run++) {
                deleteTree(cache);
                first.add(run(migrations, cache, true)[0]);
                todayFirst.add(run(migrations, cache, false)[0]);
                long[] kit = run(migrations, cache, true);
                long[] today = run(migrations, cache, false);
                repeat.add(kit[0]);
                repeatEnvironment.add(kit[1]);
                todayRepeat.add(today[0]);
                todayEnvironment.add(today[1]);
                changeOneMigration(migrations, run);
                changed.add(run(migrations, cache, true)[0]);
                todayChanged.add(run(migrations, cache, false)[0]);
            }
        } finally {
            deleteTree(workspace);
        }
        String today = "today's path (rlstestkit.cache=false)";
        return List.of(
                new Comparison("6. first run, empty cache: JVM start to first assertion", first, today, todayFirst,
                        Target.ratioAtMost(1.0)),
                new Comparison("7. repeat run, unchanged: JVM start to first assertion", repeat, today, todayRepeat,
                        Target.NONE),
                new Comparison("7a. repeat run: cluster start + migrate + seed", repeatEnvironment, today,
                        todayEnvironment, Target.millisAtMost(500)),
                new Comparison("8. repeat run, one migration changed: JVM start to first assertion", changed, today,
                        todayChanged, Target.NONE));
    }

    /** One run: {time from the JVM's start to the first assertion, time of the environment}, in nanoseconds. */
    private long[] run(Path migrations, Path cache, boolean cached) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-D" + ClusterCache.ENABLED_KEY + "=" + cached);
        command.add("-D" + ClusterCache.DIRECTORY_KEY + "=" + cache);
        command.add(FirstAssertion.class.getName());
        command.add(schema.name());
        command.add(root.toAbsolutePath().toString());
        command.add(migrations.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Expecting a run of one test to pass, but it did not; its output:\n"
                    + output);
        }
        return new long[] {millis(output, FirstAssertion.FIRST) * 1_000_000,
                millis(output, FirstAssertion.ENVIRONMENT) * 1_000_000};
    }

    private static long millis(String output, String prefix) {
        return output.lines().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .mapToLong(Long::parseLong).findFirst().orElseThrow(() -> new IllegalStateException(
                        "Expecting a line " + prefix + "in the run's output, but got:\n" + output));
    }

    /** Appends a comment to the last migration: a new checksum, the same schema. */
    private static void changeOneMigration(Path migrations, int run) throws IOException {
        Path last;
        try (Stream<Path> files = Files.list(migrations)) {
            last = files.filter(path -> path.getFileName().toString().endsWith(".sql")).max(Comparator.naturalOrder())
                    .orElseThrow();
        }
        Files.writeString(last, "\n-- changed for benchmark run " + run + "\n", StandardOpenOption.APPEND);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
