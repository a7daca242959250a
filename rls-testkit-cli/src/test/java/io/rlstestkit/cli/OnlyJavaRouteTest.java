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
 * The README's route with nothing installed but Java runs exactly as written: its first command, through the Maven
 * Wrapper, copies the runnable jar out of the Maven repository, and its second runs the check with it, in a copy of a
 * fixture project. The repository is a scratch one holding the jar this module packaged under the README's version,
 * read before the build's own (offline), so that nothing is downloaded and the build's repository is not written.
 * Runs after {@code package} (Surefire's {@code runnable-jar} execution).
 */
@Tag("jar")
class OnlyJavaRouteTest {

    private static final Path JAR = Path.of("target/rls-testkit-cli.jar").toAbsolutePath();
    private static final String MARKER = "<!-- rls-testkit-cli only Java:";
    private static final String COORDINATES = "-Dartifact=io.rlstestkit:rls-testkit-cli:";

    @Test
    void theReadmesTwoCommandsFetchTheJarThroughTheMavenWrapperAndProveASoundProject(@TempDir Path temp)
            throws Exception {
        // GIVEN
        List<List<String>> commands = readmeCommands();
        assertThat(commands).hasSize(2);
        List<String> fetch = commands.get(0);
        List<String> check = commands.get(1);
        assertThat(fetch.get(0)).isEqualTo("./mvnw");
        assertThat(check.subList(0, 3)).containsExactly("java", "-jar", "rls-testkit-cli.jar");
        Path project = project(temp.resolve("project"));
        Path repository = repository(temp.resolve("repository"), version(fetch));

        // WHEN
        List<String> offline = new ArrayList<>(fetch);
        offline.set(0, project.resolve("mvnw").toString());
        offline.addAll(List.of("-o", "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("rlstestkit.cli.local-repository")));
        Path fetched = temp.resolve("fetch.txt");
        Process copy = run(offline, project, fetched);
        List<String> args = new ArrayList<>(check);
        args.set(0, ProcessHandle.current().info().command().orElse("java"));
        Path output = temp.resolve("check.txt");
        Process proved = run(args, project, output);

        // THEN
        assertThat(copy.exitValue()).as(Files.readString(fetched)).isZero();
        assertThat(project.resolve("rls-testkit-cli.jar")).hasSameBinaryContentAs(JAR);
        String out = Files.readString(output);
        assertThat(proved.exitValue()).as(out).isEqualTo(CheckResult.PROVED);
        assertThat(out).contains("[x] reviews: 14 probes held", "PROVED 2 tables");
    }

    /** The two command lines of the bash block that follows the marker in README.md. */
    private static List<List<String>> readmeCommands() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int marker = readme.indexOf(MARKER);
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

    /** The sound fixture project, with the Maven Wrapper's two files as a project would copy them. */
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
