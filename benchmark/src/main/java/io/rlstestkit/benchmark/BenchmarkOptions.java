package io.rlstestkit.benchmark;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line: {@code --schema=auto|evf-platform|fixture}, {@code --root=..} (the repository root,
 * relative to the working directory), {@code --starts=11} (cluster starts of each kind), {@code --environments=7}
 * (migrate-and-seed runs of each kind), {@code --warmup=200} and {@code --iterations=500} (per-test steps), {@code --repeats=5}
 * (runs of one test in a JVM of its own), {@code --rows=all} (which rows: {@code 2,4,6-8}, {@code guard} for the guarded
 * statement).
 *
 * @param schema       which example schema: {@code auto} (the EVF platform where it exists, else the kit's fixture)
 * @param root         the repository root, against which the schemas' paths are resolved
 * @param starts       measured cluster starts of each kind
 * @param environments measured migrate-and-seed runs of each kind
 * @param warmup       unmeasured iterations of each per-test step
 * @param iterations   measured iterations of each per-test step
 * @param repeats      measured runs of one test in a JVM of its own, of each kind (rows 6 to 8)
 * @param rows         the rows to measure: their numbers ({@code 1} to {@code 9}; {@code 6}, {@code 7} and {@code 8}
 *                     each stand for rows 6 to 8, measured together) and {@code guard}
 */
record BenchmarkOptions(String schema, Path root, int starts, int environments, int warmup, int iterations,
                        int repeats, Set<String> rows) {

    /** Every row, in the order they are measured. */
    static final List<String> ROWS = List.of("1", "2", "3", "4", "5", "6-8", "guard", "9");

    static final BenchmarkOptions DEFAULTS = new BenchmarkOptions("auto", Path.of(".."), 11, 7, 200, 500, 5,
            Set.copyOf(ROWS));

    /** Whether a row of {@link #ROWS} is to be measured. */
    boolean measures(String row) {
        return rows.contains(row);
    }

    /** The options of a command line; anything not given keeps its default. */
    static BenchmarkOptions parse(String... args) {
        BenchmarkOptions options = DEFAULTS;
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Expecting options as --name=value, but got \"" + arg + "\". "
                        + usage());
            }
            String name = arg.substring(2, equals);
            String value = arg.substring(equals + 1);
            options = switch (name) {
                case "schema" -> new BenchmarkOptions(value, options.root, options.starts, options.environments,
                        options.warmup, options.iterations, options.repeats, options.rows);
                case "root" -> new BenchmarkOptions(options.schema, Path.of(value), options.starts,
                        options.environments, options.warmup, options.iterations, options.repeats, options.rows);
                case "starts" -> new BenchmarkOptions(options.schema, options.root, positive(name, value),
                        options.environments, options.warmup, options.iterations, options.repeats, options.rows);
                case "environments" -> new BenchmarkOptions(options.schema, options.root, options.starts,
                        positive(name, value), options.warmup, options.iterations, options.repeats, options.rows);
                case "warmup" -> new BenchmarkOptions(options.schema, options.root, options.starts,
                        options.environments, positive(name, value), options.iterations, options.repeats, options.rows);
                case "iterations" -> new BenchmarkOptions(options.schema, options.root, options.starts,
                        options.environments, options.warmup, positive(name, value), options.repeats, options.rows);
                case "repeats" -> new BenchmarkOptions(options.schema, options.root, options.starts,
                        options.environments, options.warmup, options.iterations, positive(name, value), options.rows);
                case "rows" -> new BenchmarkOptions(options.schema, options.root, options.starts,
                        options.environments, options.warmup, options.iterations, options.repeats, rows(value));
                default -> throw new IllegalArgumentException("Expecting one of the options of " + usage()
                        + " but got --" + name + ".");
            };
        }
        return options;
    }

    /** The rows of a comma-separated list: {@code all}, row numbers, {@code 6-8} (or any of 6, 7, 8), {@code guard}. */
    private static Set<String> rows(String value) {
        Set<String> rows = new LinkedHashSet<>();
        for (String row : value.split(",")) {
            String name = row.strip();
            if (name.equals("all")) {
                rows.addAll(ROWS);
            } else if (name.equals("6") || name.equals("7") || name.equals("7a") || name.equals("8")) {
                rows.add("6-8");
            } else if (ROWS.contains(name)) {
                rows.add(name);
            } else {
                throw new IllegalArgumentException("Expecting --rows to list rows of all, " + String.join(", ", ROWS)
                        + ", separated by commas, but got \"" + name + "\" in \"" + value + "\".");
            }
        }
        return Set.copyOf(rows);
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Expecting --" + name + " to be a positive number, but got \"" + value
                + "\".");
    }

    private static String usage() {
        return "--schema=auto|evf-platform|fixture --root=<repository root> --starts=N --environments=N --warmup=N"
                + " --iterations=N --repeats=N --rows=all|1,2,...,6-8,guard,9";
    }
}
