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
 * through the Maven Wrapper), the check that both it and the GitHub Actions workflow run, and the JBang route's
 * launch of the same coordinates with the same arguments (JBang {@code dev.jbang:jbang-cli}, a test dependency). The repository is a
 * scratch one that holds the packaged jar under the README's version, read before the build's own (offline), so that
 * nothing is downloaded and the build's repository is not written. Runs after {@code package} (Surefire's
 * {@code runnable-jar} execution).
 */
@Tag("jar")
class ReadmeWorkflowTest {

    private static final Path JAR = Path.of("target/rls-testkit-cli.jar").toAbsolutePath();
    private static final String WORKFLOW = "<!-- rls-testkit-cli workflow:";
    private static final String ONLY_JAVA = "<!-- rls-testkit-cli only Java:";
    private static final String JBANG = "<!-- rls-testkit-cli JBang:";
    /** How JBang's own launcher script is told to run the command JBang printed. */
    private static final int JBANG_EXECUTE = 255;
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
        assertThat(out).contains("[x] reviews: 16 probes held", "Reports: build/rls-testkit")
                .as("no colours where the output is no terminal").doesNotContain("\u001b[");
        assertThat(sound.resolve("target")).as("no file beyond the reports asked for (the kit's audit.sarif)")
                .doesNotExist();
        ReportChecks.validSarif(sound.resolve("build/rls-testkit/rls-testkit.sarif"));
        // (a broken project's exit code and reports are checked in this JVM: CheckCommandTest)

        assertThat(ReportChecks.junitXml(sound.resolve("build/rls-testkit/TEST-rls-testkit.xml"))
                .getDocumentElement().getAttribute("failures")).isEqualTo("0");

        // AND the JBang route: JBang (from Maven Central) finds the README's coordinates in the same repository and
        // launches the jar with the arguments it is given. The check's arguments are the workflow's, which ran above,
        // so JBang's launch asks the jar for its version only: the same jar need not prove the same project twice.
        List<String> jbang = jbangCommand(readme);
        assertThat(jbang.subList(0, 2)).containsExactly("jbang", "io.rlstestkit:rls-testkit-cli:"
                + version(onlyJava.get(0)));
        assertThat(jbang.subList(2, jbang.size())).as("the JBang route's check is the workflow's")
                .isEqualTo(check.subList(3, check.size()));
        List<String> launch = jbangLaunch(jbang.get(1), repository, temp.resolve("jbang"), sound);
        assertThat(String.join(" ", launch)).contains(repository.resolve("io/rlstestkit/rls-testkit-cli").toString())
                .endsWith(" --version");
        Path launched = temp.resolve("launched.txt");
        Process version = run(launch, sound, launched);
        assertThat(version.exitValue()).as(Files.readString(launched)).isZero();
        assertThat(Files.readString(launched)).startsWith("rls-testkit ");
    }

    /** The command line of the bash block that follows the JBang marker in README.md. */
    private static List<String> jbangCommand(String readme) {
        int marker = readme.indexOf(JBANG);
        assertThat(marker).as("the README's JBang marker").isNotNegative();
        int start = readme.indexOf("```bash\n", marker) + "```bash\n".length();
        String line = readme.substring(start, readme.indexOf("\n```\n", start)).strip();
        assertThat(line).doesNotContain("\"", "'", "\\", "$", "\n");
        return Arrays.asList(line.split("\\s+"));
    }

    /**
     * Runs JBang, offline, on a GAV with {@code --version}, as its launcher script does: JBang resolves the jar and
     * prints the command that runs it, with the exit code that tells the script to run it; that command is returned.
     */
    private static List<String> jbangLaunch(String gav, Path repository, Path home, Path directory) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", classpath,
                "dev.jbang.Main", "--offline", gav, "--version");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(Files.createDirectories(home).resolve("stderr.txt").toFile())
                .redirectOutput(home.resolve("stdout.txt").toFile());
        builder.environment().put("JBANG_REPO", repository.toString());
        builder.environment().put("JBANG_DIR", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("JBang ends within 5 minutes").isTrue();
        String printed = Files.readString(home.resolve("stdout.txt")).strip();
        assertThat(process.exitValue()).as(printed + "\n" + Files.readString(home.resolve("stderr.txt")))
                .isEqualTo(JBANG_EXECUTE);
        return Arrays.asList(printed.lines().reduce((first, last) -> last).orElseThrow().split("\\s+"));
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
