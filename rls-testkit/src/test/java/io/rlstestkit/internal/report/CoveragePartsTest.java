package io.rlstestkit.internal.report;

import io.rlstestkit.Finding;
import io.rlstestkit.RlsAudit;
import io.rlstestkit.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.rlstestkit.RlsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The parts of a build whose tests run in several JVMs: each JVM's part is written whole, the report is rewritten from
 * every part of the build, the same whichever JVM ends last, and parts of an earlier build do not count.
 */
class CoveragePartsTest {

    private static final String SOUND = "classpath:db/migration";
    private static final String OTHER = "classpath:db/other";

    /** What one fork recorded: its class selects invoices in the sound configuration and audits it. */
    private static final CoverageLog.Records FORK_1 = new CoverageLog.Records(
            List.of(new CoverageLog.EnvironmentUse(SOUND, List.of("public.invoices", "public.payments"))),
            List.of(new Exercise(SOUND, "public.invoices", "tenant b", "SELECT", "InvoicesTest"),
                    new Exercise(SOUND, "public.invoices", "tenant a", "UPDATE", "InvoicesTest")),
            List.of(new CoverageLog.AuditResult(SOUND, "InvoicesTest", List.of(
                    new Finding(RlsAudit.NO_POLICY, "public.audit_logs", "no policy | here", Severity.WARNING)
                            .acceptedBecause("written by the worker\nonly")))));

    /** What the other fork recorded: payments in the same configuration, and another configuration. */
    private static final CoverageLog.Records FORK_2 = new CoverageLog.Records(
            List.of(new CoverageLog.EnvironmentUse(OTHER, List.of("public.notes")),
                    new CoverageLog.EnvironmentUse(SOUND, List.of("public.invoices", "public.payments"))),
            List.of(new Exercise(SOUND, "public.payments", "worker", "INSERT", "PaymentsTest"),
                    new Exercise(OTHER, "public.notes", "tenant a", "DELETE", "NotesTest")),
            List.of(new CoverageLog.AuditResult(OTHER, "NotesTest", List.of())));

    @TempDir
    Path directory;

    @Test
    void aPartIsReadBackAsItWasWritten() throws IOException {
        // GIVEN
        Path file = directory.resolve("part.json");
        Files.writeString(file, CoverageParts.json(FORK_1), StandardCharsets.UTF_8);
        // WHEN
        CoverageLog.Records read = CoverageParts.read(file);
        // THEN
        assertThat(read).isEqualTo(FORK_1);
    }

    @Test
    void theReportIsRewrittenFromEveryPartOfTheBuildWhicheverForkEndsLast() throws IOException {
        // GIVEN two forks of one build, ending in one order and, in another directory, in the other
        Path forward = directory.resolve("forward");
        Path backward = directory.resolve("backward");
        part(forward, "build-1", "jvmRun1", FORK_1).publish(Set.of(), null);
        part(forward, "build-1", "jvmRun2", FORK_2).publish(Set.of(), null);
        part(backward, "build-1", "jvmRun2", FORK_2).publish(Set.of(), null);
        // WHEN
        CoverageParts.Merged merged = part(backward, "build-1", "jvmRun1", FORK_1).publish(Set.of(), null);
        // THEN the report holds both forks' tables, and does not depend on the order the forks ended in
        assertThat(merged.parts()).isEqualTo(2);
        assertThat(merged.coverage().summary("coverage.md", null)).isEqualTo("rls-testkit coverage: 4 of 12 (table,"
                + " command) pairs exercised across 3 tables with RLS in 2 configurations; untouched: public.invoices"
                + " INSERT (classpath:db/migration), public.invoices DELETE (classpath:db/migration), public.payments"
                + " SELECT (classpath:db/migration), public.payments UPDATE (classpath:db/migration), public.payments"
                + " DELETE (classpath:db/migration) and 3 more (see coverage.md)");
        assertThat(Files.readString(backward.resolve("coverage.md")))
                .isEqualTo(Files.readString(forward.resolve("coverage.md")));
        assertThat(Files.readString(backward.resolve("coverage.json")))
                .isEqualTo(Files.readString(forward.resolve("coverage.json")))
                .startsWith("{\"exercised\":4,\"pairs\":12,\"tables\":3,\"percent\":33.3,\"minimum\":null,"
                        + "\"untouched\":[],\"excluded\":[],\"configurations\":[{\"configuration\":\"classpath:db/migration\"");
        assertThat(Files.readString(backward.resolve("coverage.md"))).contains(
                "| classpath:db/migration | InvoicesTest | WARNING | NO_POLICY | public.audit_logs | accepted: written by the worker only |\n"
                        + "| classpath:db/other | NotesTest | | | | no finding |\n");
    }

    @Test
    void aForkSeesWhatTheOtherForksOfItsBuildWroteAndItsOwnRecords() {
        // GIVEN
        part(directory, "build-1", "jvmRun1", FORK_1).publish(Set.of(), null);
        // WHEN
        CoverageLog.Records build = part(directory, "build-1", "jvmRun2", FORK_2).build();
        // THEN
        assertThat(Coverage.of(build).exercised()).isEqualTo(4);
        assertThat(build.environments()).extracting(CoverageLog.EnvironmentUse::environment)
                .containsExactly(SOUND, SOUND, OTHER);
    }

    @Test
    void thePartsOfAnEarlierBuildAreRemovedAndDoNotCount() throws IOException {
        // GIVEN a part left by the build before
        part(directory, "build-1", "jvmRun1", FORK_2).publish(Set.of(), null);
        // WHEN
        CoverageParts.Merged merged = part(directory, "build-2", "jvmRun1", FORK_1).publish(Set.of(), null);
        // THEN
        assertThat(merged.parts()).isEqualTo(1);
        assertThat(merged.coverage().exercised()).isEqualTo(2);
        try (Stream<Path> builds = Files.list(directory.resolve(CoverageParts.FOLDER))) {
            assertThat(builds.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("build-2",
                    ".lock");
        }
    }

    @Test
    void aPartIsWrittenWholeWithNoTemporaryFileLeft() throws IOException {
        // WHEN
        part(directory, "build-1", "jvmRun1", FORK_1).publish(Set.of(), null);
        // THEN
        try (Stream<Path> files = Files.walk(directory)) {
            assertThat(files.filter(Files::isRegularFile).map(path -> directory.relativize(path).toString()))
                    .containsExactlyInAnyOrder("parts/.lock", "parts/build-1/jvmRun1.json", "coverage.md",
                            "coverage.json");
        }
    }

    @Test
    void aPartThatIsNoPartFailsNamingTheFileAndWhatToDo() throws IOException {
        // GIVEN
        Path broken = directory.resolve(CoverageParts.FOLDER).resolve("build-1");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("jvmRun1.json"), "{\"format\":1,\"environments\":[]", StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("old.json"), "{\"format\":0}", StandardCharsets.UTF_8);
        // WHEN / THEN
        assertThatThrownBy(() -> CoverageParts.readAll(List.of(directory), Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Expecting an rls-testkit coverage part (JSON) in " + broken.resolve(
                        "jvmRun1.json") + ", but it cannot be read: Unexpected end-of-input")
                .hasMessageEndingWith(". Delete it and run the tests that wrote it again.");
        assertThatThrownBy(() -> CoverageParts.read(directory.resolve("old.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Expecting an rls-testkit coverage part of format 1 in " + directory.resolve("old.json")
                        + ", but its format is 0. Delete it and run the tests that wrote it again with this version"
                        + " of the kit.");
        assertThatThrownBy(() -> CoverageParts.readAll(List.of(directory.resolve("none")), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Expecting coverage parts (parts/<build>/<part>.json) in " + directory.resolve("none")
                        + ", but there are none. Give the rls-testkit report directory of each shard"
                        + " (rlstestkit.coverage.directory, by default target/rls-testkit) after its tests ran.");
    }

    private static CoverageParts.Part part(Path directory, String build, String name, CoverageLog.Records records) {
        return new CoverageParts.Part(directory.resolve(CoverageParts.FOLDER).resolve(build).resolve(name + ".json"),
                () -> records);
    }
}
