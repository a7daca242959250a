package io.rlstestkit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge step of CI shards: one report from the parts each shard wrote, and one minimum check, failing with the
 * pairs no assertion exercised; bad input ends in a message and status 2.
 */
class CoverageMergeTest {

    private static final String PART_1 = """
            {"format":1,"environments":[{"environment":"classpath:db/migration","rlsTables":["public.invoices","public.payments"]}],\
            "exercises":[{"environment":"classpath:db/migration","table":"public.invoices","scope":"tenant b","command":"SELECT","source":"InvoicesTest"}],\
            "audits":[]}
            """;
    private static final String PART_2 = """
            {"format":1,"environments":[{"environment":"classpath:db/migration","rlsTables":["public.invoices","public.payments"]}],\
            "exercises":[{"environment":"classpath:db/migration","table":"public.payments","scope":"worker","command":"INSERT","source":"PaymentsTest"}],\
            "audits":[]}
            """;

    @TempDir
    Path directory;

    private Path shard1;
    private Path shard2;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void twoShards() throws IOException {
        shard1 = write(directory.resolve("shard-1/target/rls-testkit"), "2026-12-01T05-10-34_606", "jvmRun1-pid7", PART_1);
        shard2 = write(directory.resolve("shard-2/target/rls-testkit"), "2026-12-01T05-11-02_118", "jvmRun1-pid9", PART_2);
    }

    @Test
    void mergesTheShardsIntoOneReportAndMeetsTheMinimum() throws IOException {
        // WHEN
        int status = merge("--minimum=25", "--output=" + directory.resolve("merged"), shard1.toString(),
                shard2.toString());
        // THEN
        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("rls-testkit coverage: 2 of 8 (table, command) pairs exercised across 2 tables"
                + " with RLS; untouched: public.invoices INSERT, public.invoices UPDATE, public.invoices DELETE,"
                + " public.payments SELECT, public.payments UPDATE and 1 more; minimum 25 % met (see "
                + directory.resolve("merged/coverage.md") + "); merged from 2 parts\n");
        assertThat(Files.readString(directory.resolve("merged/coverage.json"))).startsWith(
                "{\"exercised\":2,\"pairs\":8,\"tables\":2,\"percent\":25.0,\"minimum\":25.0,");
    }

    @Test
    void failsBelowTheMinimumNamingThePairsNoAssertionExercised() {
        // WHEN
        int status = merge("--minimum=30%", shard1.toString(), shard2.toString());
        // THEN
        assertThat(status).isEqualTo(1);
        assertThat(text(err)).isEqualTo("""

                Expecting rls-testkit coverage of at least 30 %% (--minimum), but the run exercised 2 of 8 (table, \
                command) pairs (25 %%) across 2 tables with row-level security.
                Not exercised: public.invoices INSERT, public.invoices UPDATE, public.invoices DELETE, public.payments \
                SELECT, public.payments UPDATE, public.payments DELETE.
                A DenyMatrix (@TestFactory) exercises every pair of the tables it covers. The report is written to \
                %s when the run ends.
                """.formatted(shard1.resolve("coverage.md")));
    }

    @Test
    void failsWhereTheMergedReportIsNotTheSameAsAWholeRunsReport() throws IOException {
        // GIVEN the report of the whole suite, and one shard's parts lost
        merge(shard1.toString(), shard2.toString());
        Path whole = directory.resolve("whole.json");
        Files.copy(shard1.resolve("coverage.json"), whole);
        // WHEN
        int same = merge("--output=" + directory.resolve("again"), "--same-as=" + whole, shard2.toString(),
                shard1.toString());
        int lost = merge("--same-as=" + whole, shard2.toString());
        // THEN
        assertThat(same).isZero();
        assertThat(lost).isEqualTo(1);
        assertThat(text(err)).isEqualTo("Expecting the merged coverage.json to be the same as " + whole
                + ", but it differs from line 1:\n"
                + "  expected: " + Files.readString(whole).strip() + "\n"
                + "  but was:  " + Files.readString(shard2.resolve("coverage.json")).strip() + "\n");
    }

    @Test
    void comparesWithAWholeRunsReportWhateverMinimumEachChecked() throws IOException {
        // GIVEN the report of the whole suite, in one JVM that checked no minimum
        merge(shard1.toString(), shard2.toString());
        Path whole = directory.resolve("whole.json");
        Files.copy(shard1.resolve("coverage.json"), whole);
        // WHEN the forks' merge step checks a minimum of its own, which its report names
        int status = merge("--minimum=25", "--output=" + directory.resolve("forks"), "--same-as=" + whole,
                shard2.toString(), shard1.toString());
        // THEN the same exercises make the same report: the minimum is a setting, not something the run recorded
        assertThat(status).isZero();
        assertThat(text(err)).isEmpty();
        assertThat(Files.readString(directory.resolve("forks/coverage.json"))).contains("\"minimum\":25.0,");
    }

    @Test
    void badInputEndsInAMessageAndTheUsage() {
        String usage = "Usage: java -cp <the kit and its dependencies> io.rlstestkit.CoverageMerge [--minimum=90]"
                + " [--exclude=table,...] [--output=dir] [--same-as=coverage.json] <report directory>...\n";
        assertThat(merge("--minimum=most", shard1.toString())).isEqualTo(2);
        assertThat(merge("--minimun=90", shard1.toString())).isEqualTo(2);
        assertThat(merge()).isEqualTo(2);
        assertThat(merge(directory.resolve("shard-3").toString())).isEqualTo(2);
        assertThat(text(err)).isEqualTo(
                "rls-testkit coverage merge: Expecting --minimum to be a percentage from 0 to 100 (\"90\" or \"90%\"),"
                        + " but it is \"most\".\n" + usage
                        + "rls-testkit coverage merge: Expecting --minimum=, --exclude=, --output= or --same-as=, but"
                        + " found \"--minimun=90\".\n" + usage
                        + "rls-testkit coverage merge: Expecting at least one rls-testkit report directory with the"
                        + " parts its tests wrote (target/rls-testkit), but none was given.\n" + usage
                        + "rls-testkit coverage merge: Expecting coverage parts (parts/<build>/<part>.json) in "
                        + directory.resolve("shard-3") + ", but there are none. Give the rls-testkit report directory"
                        + " of each shard (rlstestkit.coverage.directory, by default target/rls-testkit) after its"
                        + " tests ran.\n" + usage);
    }

    private int merge(String... args) {
        return CoverageMerge.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }

    private static Path write(Path reportDirectory, String build, String part, String json) throws IOException {
        Path folder = reportDirectory.resolve("parts").resolve(build);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(part + ".json"), json, StandardCharsets.UTF_8);
        return reportDirectory;
    }
}
