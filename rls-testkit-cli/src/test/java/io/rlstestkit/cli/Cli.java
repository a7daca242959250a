package io.rlstestkit.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command in this JVM (sharing the kit's embedded server between runs) and keeps what it printed. */
final class Cli {

    static final Path PROJECTS = Path.of("src/test/resources/projects").toAbsolutePath();

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private Cli() {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = RlsTestkitCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true),
                CommandLine.Help.Ansi.OFF);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** {@code check} on a fixture project with the flags of the GitHub app's schema, and the given ones. */
    static Run checkFlyway(String project, Path reportDir, String... more) {
        Path root = PROJECTS.resolve("flyway").resolve(project);
        List<String> args = new ArrayList<>(List.of("check",
                "--migrations", root.resolve("db/migrations").toString(),
                "--tenant-column", "installation_id",
                "--tenant-role", "app_user",
                "--tenant-setting", "app.current_installation_id",
                "--worker-role", "app_worker"));
        if (root.resolve("db/seed.sql").toFile().isFile()) {
            args.addAll(List.of("--seed", root.resolve("db/seed.sql").toString()));
        }
        if (reportDir != null) {
            args.addAll(List.of("--report-dir", reportDir.toString()));
        }
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }
}
