package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's own fixtures of other tools (the same schema in each tool's layout), checked by the command: Drizzle's
 * folder as the README's "Outside the JVM" passes it (told from its journal, no {@code --format}), golang-migrate's
 * with its down scripts, so that the round trip runs, and a broken down script, so that it fails.
 */
class ToolFormatTest {

    private static final Path FORMATS = Path.of("../rls-testkit/src/test/resources/fixtures/formats");
    private static final Path SEED = Path.of("../rls-testkit/src/test/resources/fixtures/seed/tenant.sql");

    @Test
    void aDrizzleFolderIsDetectedAndProvedAndItsMissingDownScriptsAreNoPass(@TempDir Path reports) throws Exception {
        Cli.Run run = check(FORMATS.resolve("drizzle"), "--report-dir", reports.toString(), "--reports", "sarif");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(run.out()).contains("[x] invoices: 12 probes held", "[x] payments: 16 probes held",
                "no round trip: drizzle migrations have no down scripts: nothing to undo")
                .doesNotContain("Round trip: every step reversible", "filesystem:");
        JsonNode sarif = ReportChecks.validSarif(reports.resolve("rls-testkit.sarif"));
        assertThat(sarif.at("/runs/0/results")).isEmpty();
        assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText())
                .contains("drizzle migrations have no down scripts: nothing to undo");
    }

    @Test
    void golangMigrateDownScriptsRunTheRoundTripWhichFailsOnABrokenOne(@TempDir Path reports) throws Exception {
        Cli.Run sound = check(FORMATS.resolve("golang-migrate"), "--format", "golang-migrate");
        assertThat(sound.exitCode()).as(sound.toString()).isEqualTo(CheckResult.PROVED);
        assertThat(sound.out()).contains("Round trip: every step reversible", ", round trip");

        Cli.Run broken = check(FORMATS.resolve("broken/golang-migrate"), "--report-dir", reports.toString(),
                "--reports", "sarif");
        assertThat(broken.exitCode()).as(broken.toString()).isEqualTo(CheckResult.FAILED);
        assertThat(broken.out()).contains("[x] invoices: 12 probes held", "Round trip: a step is not reversible",
                "FAILED every migration step is reversible:");
        JsonNode sarif = ReportChecks.validSarif(reports.resolve("rls-testkit.sarif"));
        assertThat(sarif.at("/runs/0/results")).hasSize(1);
        assertThat(sarif.at("/runs/0/results/0/ruleId").asText()).isEqualTo("ROUND_TRIP");
        assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("error");
        assertThat(sarif.at("/runs/0/results/0/message/text").asText())
                .startsWith("every migration step is reversible\nExpecting");
    }

    private static Cli.Run check(Path migrations, String... more) {
        List<String> args = new ArrayList<>(List.of("check", "--migrations", migrations.toString(),
                "--seed", SEED.toString(), "--tenant-role", "app_user", "--worker-role", "app_worker"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }
}
