package io.rlstestkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlstestkit.internal.report.Coverage;
import io.rlstestkit.internal.report.CoverageParts;
import io.rlstestkit.internal.report.CoverageRuns;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The merge step of a build whose tests run in several places (CI shards, or Surefire forks whose coverage minimum is
 * checked once for the whole build): merges the coverage parts that each JVM wrote, writes one report, and checks one
 * minimum.
 *
 * <pre>{@code
 * java -cp rls-testkit.jar:jackson-databind.jar:... io.rlstestkit.CoverageMerge --minimum=90 shard-1/target/rls-testkit shard-2/target/rls-testkit
 * }</pre>
 *
 * <p>Each argument that is not an option is a report directory ({@value RlsExtension#COVERAGE_DIRECTORY_KEY}, by
 * default {@code target/rls-testkit}) with the {@code parts} folder its tests wrote, or a folder of parts. Options:
 * <ul>
 *     <li>{@code --minimum=90}: the minimum in percent; below it the step fails, naming the pairs no assertion
 *     exercised;</li>
 *     <li>{@code --exclude=storage.objects,audit_logs}: tables left out, as {@value RlsExtension#COVERAGE_EXCLUDE_KEY}
 *     leaves them out;</li>
 *     <li>{@code --output=dir}: where {@code coverage.md} and {@code coverage.json} go (default: the first
 *     directory);</li>
 *     <li>{@code --same-as=file}: fails unless the merged {@code coverage.json} is the same as that one (a check that
 *     splitting a suite lost nothing), whatever minimum each checked.</li>
 * </ul>
 * It exits with 0 when the report is written and every check passed, 1 when a check failed, and 2 when the input is
 * wrong.
 */
public final class CoverageMerge {

    private CoverageMerge() {
    }

    /** Merges, writes, checks; exits with the status {@link #run} returns. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Merges the parts that the arguments name, writes the report, prints its summary line, and checks it.
     *
     * @return 0 when every check passed, 1 when one failed, 2 when the arguments or the parts are wrong
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Double minimum = null;
        Set<String> excluded = new LinkedHashSet<>();
        Path output = null;
        Path sameAs = null;
        List<Path> directories = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--minimum=")) {
                minimum = CoverageRuns.percent(arg.substring("--minimum=".length()).strip());
                if (minimum == null) {
                    return usage(err, "Expecting --minimum to be a percentage from 0 to 100 (\"90\" or \"90%\"), but"
                            + " it is \"" + arg.substring("--minimum=".length()) + "\".");
                }
            } else if (arg.startsWith("--exclude=")) {
                Arrays.stream(arg.substring("--exclude=".length()).split(",")).map(String::strip)
                        .filter(table -> !table.isEmpty()).forEach(excluded::add);
            } else if (arg.startsWith("--output=")) {
                output = Path.of(arg.substring("--output=".length()));
            } else if (arg.startsWith("--same-as=")) {
                sameAs = Path.of(arg.substring("--same-as=".length()));
            } else if (arg.startsWith("--")) {
                return usage(err, "Expecting --minimum=, --exclude=, --output= or --same-as=, but found \"" + arg
                        + "\".");
            } else {
                directories.add(Path.of(arg));
            }
        }
        if (directories.isEmpty()) {
            return usage(err, "Expecting at least one rls-testkit report directory with the parts its tests wrote"
                    + " (target/rls-testkit), but none was given.");
        }
        CoverageParts.Merged merged;
        try {
            merged = CoverageParts.readAll(directories, excluded);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return usage(err, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the rls-testkit coverage parts in " + directories, e);
        }
        Coverage coverage = merged.coverage();
        Path target = output == null ? directories.get(0) : output;
        try {
            CoverageParts.writeReport(target, coverage, minimum);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the rls-testkit coverage report to " + target, e);
        }
        out.println(coverage.summary(target.resolve("coverage.md").toString(), minimum) + "; merged from "
                + merged.parts() + (merged.parts() == 1 ? " part" : " parts"));
        int status = 0;
        if (minimum != null && coverage.belowMinimum(minimum)) {
            err.println(coverage.failure(minimum, "--minimum", target.resolve("coverage.md").toString()));
            status = 1;
        }
        if (sameAs != null) {
            String difference = difference(sameAs, coverage);
            if (difference != null) {
                err.println(difference);
                status = status == 0 ? 1 : status;
            }
        }
        return status;
    }

    /**
     * Where the merged report differs from the expected {@code coverage.json}; {@code null} where it does not. The
     * minimum each report names is a setting of its run, not something the run recorded: the merged report is
     * compared as if it named the expected report's minimum, so that the forks' merge step may check one of its own
     * where the run of the whole suite checked none.
     */
    private static String difference(Path expected, Coverage coverage) {
        String text;
        Double expectedMinimum;
        try {
            text = Files.readString(expected, StandardCharsets.UTF_8);
            JsonNode minimum = new ObjectMapper().readTree(text).path("minimum");
            expectedMinimum = minimum.isNumber() ? minimum.doubleValue() : null;
        } catch (IOException e) {
            return "Expecting a coverage.json to compare the merged report with at " + expected + ", but it cannot"
                    + " be read (" + e + "). Give --same-as the coverage.json of a run of the whole suite.";
        }
        String actual = coverage.json(expectedMinimum);
        if (text.equals(actual)) {
            return null;
        }
        List<String> want = text.lines().toList();
        List<String> got = actual.lines().toList();
        int line = 0;
        while (line < want.size() && line < got.size() && want.get(line).equals(got.get(line))) {
            line++;
        }
        return "Expecting the merged coverage.json to be the same as " + expected + ", but it differs from line "
                + (line + 1) + ":\n  expected: " + (line < want.size() ? want.get(line) : "(end)")
                + "\n  but was:  " + (line < got.size() ? got.get(line) : "(end)");
    }

    private static int usage(PrintStream err, String problem) {
        err.println("rls-testkit coverage merge: " + problem + "\nUsage: java -cp <the kit and its dependencies>"
                + " io.rlstestkit.CoverageMerge [--minimum=90] [--exclude=table,...] [--output=dir]"
                + " [--same-as=coverage.json] <report directory>...");
        return 2;
    }
}
