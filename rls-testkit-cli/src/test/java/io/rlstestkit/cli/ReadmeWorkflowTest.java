package io.rlstestkit.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's GitHub Actions workflow runs exactly this: its check's command line, on the runnable jar this module
 * packages, in a copy of a fixture project. Runs after {@code package} (Surefire's {@code runnable-jar} execution).
 */
@Tag("jar")
class ReadmeWorkflowTest {

    private static final Path JAR = Path.of("target/rls-testkit-cli.jar").toAbsolutePath();
    private static final String MARKER = "<!-- rls-testkit-cli workflow:";

    @Test
    void theReadmesCommandProvesASoundProjectWithTheRunnableJar(@TempDir Path temp) throws Exception {
        // GIVEN
        List<String> command = readmeCommand();
        assertThat(command.subList(0, 3)).containsExactly("java", "-jar", "rls-testkit-cli.jar");

        // WHEN
        Path sound = project("sound", temp.resolve("sound"));
        Path output = temp.resolve("output.txt");
        Process proved = run(command, sound, output);

        // THEN
        String out = Files.readString(output);
        assertThat(proved.exitValue()).as(out).isEqualTo(CheckResult.PROVED);
        assertThat(out).contains("[x] reviews: 16 probes held", "Reports: build/rls-testkit");
        ReportChecks.validSarif(sound.resolve("build/rls-testkit/rls-testkit.sarif"));
        // (a broken project's exit code and reports are checked in this JVM: CheckCommandTest)

        assertThat(ReportChecks.junitXml(sound.resolve("build/rls-testkit/TEST-rls-testkit.xml"))
                .getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    /** The {@code run: java -jar ...} line of the workflow that follows the marker in README.md. */
    private static List<String> readmeCommand() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int marker = readme.indexOf(MARKER);
        assertThat(marker).as("the README's workflow marker").isNotNegative();
        String workflow = readme.substring(marker, readme.indexOf("\n```\n", readme.indexOf("```yaml", marker)));
        String line = workflow.lines().map(String::strip).filter(text -> text.startsWith("run: java -jar"))
                .findFirst().orElseThrow();
        assertThat(line).doesNotContain("\"", "'", "\\", "$");
        return Arrays.asList(line.substring("run: ".length()).split("\\s+"));
    }

    private static Process run(List<String> command, Path directory, Path output) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.set(0, ProcessHandle.current().info().command().orElse("java"));
        args.set(2, JAR.toString());
        Process process = new ProcessBuilder(args).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the check ends within 5 minutes").isTrue();
        return process;
    }

    private static Path project(String name, Path target) throws IOException {
        Path source = Cli.PROJECTS.resolve("flyway").resolve(name).resolve("db");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve("db").resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }
}
