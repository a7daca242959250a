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
 * The README's commands run exactly as written, in a copy of a fixture project, on the runnable jar this module
 * packages: the route with nothing installed but Java (its first command copies the jar out of the Maven repository
 * through the Maven Wrapper) and the check that both it and the GitHub Actions workflow run. The repository is a
 * scratch one that holds the packaged jar under the README's version, read before the build's own (offline), so that
 * nothing is downloaded and the build's repository is not written. Runs after {@code package} (Surefire's
 * {@code runnable-jar} execution).
 */
@Tag("jar")
class ReadmeWorkflowTest {

    private static final Path JAR = Path.of("target/rls-testkit-cli.jar").toAbsolutePath();
    private static final String WORKFLOW = "<!-- rls-testkit-cli workflow:";
    private static final String ONLY_JAVA = "<!-- rls-testkit-cli only Java:";
    private static final String COORDINATES = "-Dartifact=io.rlstestkit:rls-testkit-cli:";

    @Test
    void theReadmesCommandsFetchTheJarWithNothingButJavaAndProveASoundProject(@TempDir Path temp) throws Exception {
        // GIVEN
        String readme = Files.readString(Path.of("../README.md"));
        List<String> check = workflowCommand(readme);
        List<List<String>> onlyJava = onlyJavaCommands(readme);
        assertThat(check.subList(0, 3)).containsExactly("java", "-jar", "rls-testkit-cli.jar");
        assertThat(onlyJava).hasSize(2);
        assertThat(onlyJava.get(0).get(0)).isEqualTo("./mvnw");
        assertThat(onlyJava.get(1)).as("the only-Java route's check is the workflow's").isEqualTo(check);
        Path sound = project(temp.resolve("sound"));
        Path repository = repository(temp.resolve("repository"), version(onlyJava.get(0)));

        // WHEN
        List<String> fetch = new ArrayList<>(onlyJava.get(0));
        fetch.set(0, sound.resolve("mvnw").toString());
        fetch.addAll(List.of("-o", "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("rlstestkit.cli.local-repository")));
        Path fetched = temp.resolve("fetch.txt");
        Process copy = run(fetch, sound, fetched);
        assertThat(copy.exitValue()).as(Files.readString(fetched)).isZero();
        List<String> args = new ArrayList<>(check);
        args.set(0, ProcessHandle.current().info().command().orElse("java"));
        Path output = temp.resolve("output.txt");
        Process proved = run(args, sound, output);

        // THEN
        assertThat(sound.resolve("rls-testkit-cli.jar")).hasSameBinaryContentAs(JAR);
        String out = Files.readString(output);
        assertThat(proved.exitValue()).as(out).isEqualTo(CheckResult.PROVED);
        assertThat(out).contains("[x] reviews: 16 probes held", "Reports: build/rls-testkit");
        assertThat(sound.resolve("target")).as("no file beyond the reports asked for (the kit's audit.sarif)")
                .doesNotExist();
        ReportChecks.validSarif(sound.resolve("build/rls-testkit/rls-testkit.sarif"));
        // (a broken project's exit code and reports are checked in this JVM: CheckCommandTest)

        assertThat(ReportChecks.junitXml(sound.resolve("build/rls-testkit/TEST-rls-testkit.xml"))
                .getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    /** The {@code run: java -jar ...} line of the workflow that follows its marker in README.md. */
    private static List<String> workflowCommand(String readme) {
        int marker = readme.indexOf(WORKFLOW);
        assertThat(marker).as("the README's workflow marker").isNotNegative();
        String workflow = readme.substring(marker, readme.indexOf("\n```\n", readme.indexOf("```yaml", marker)));
        String line = workflow.lines().map(String::strip).filter(text -> text.startsWith("run: java -jar"))
                .findFirst().orElseThrow();
        assertThat(line).doesNotContain("\"", "'", "\\", "$");
        return Arrays.asList(line.substring("run: ".length()).split("\\s+"));
    }

    /** The command lines of the bash block that follows the only-Java marker in README.md. */
    private static List<List<String>> onlyJavaCommands(String readme) {
        int marker = readme.indexOf(ONLY_JAVA);
        assertThat(marker).as("the README's only-Java marker").isNotNegative();
        int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
        String block = readme.substring(start, readme.indexOf("\n```\n", start));
        assertThat(block).doesNotContain("\"", "'", "\\", "$");
        return block.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> Arrays.asList(line.split("\\s+"))).toList();
    }

    private static String version(List<String> fetch) {
        return fetch.stream().filter(arg -> arg.startsWith(COORDINATES)).findFirst()
                .map(arg -> arg.substring(COORDINATES.length())).orElseThrow();
    }

    /** A scratch repository with the packaged jar as the README's version of the command. */
    private static Path repository(Path root, String version) throws IOException {
        Path folder = Files.createDirectories(root.resolve("io/rlstestkit/rls-testkit-cli").resolve(version));
        Files.copy(JAR, folder.resolve("rls-testkit-cli-" + version + ".jar"));
        Files.writeString(folder.resolve("rls-testkit-cli-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.rlstestkit</groupId>
                  <artifactId>rls-testkit-cli</artifactId>
                  <version>%s</version>
                </project>
                """.formatted(version));
        return root;
    }

    /** The sound fixture project, with the Maven Wrapper's two files as a project copies them. */
    private static Path project(Path target) throws IOException {
        copyTree(Cli.PROJECTS.resolve("flyway/sound/db"), target.resolve("db"));
        copyTree(Path.of("../.mvn/wrapper"), target.resolve(".mvn/wrapper"));
        Files.copy(Path.of("../mvnw"), target.resolve("mvnw"));
        assertThat(target.resolve("mvnw").toFile().setExecutable(true)).isTrue();
        return target;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    private static Process run(List<String> command, Path directory, Path output) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s ends within 5 minutes", command.get(0)).isTrue();
        return process;
    }
}
