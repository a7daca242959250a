package io.rlstestkit.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Another JVM, with this JVM's {@code java} and test class path, running a main class of the test sources: for
 * what a test cannot do in its own JVM (be killed, exit, miss a dependency). Its output (standard output and error,
 * merged) is collected; lines that a test waits for are found with {@link #awaitLine(String, Duration)}. Closing it
 * ends it, if it still runs.
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.builder(Main.class).args("kill").start()) {
 *     String pid = child.awaitLine("PID ", Duration.ofSeconds(60));
 *     child.process().destroyForcibly();
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {

    private static final String CACHE_DIRECTORY_KEY = "rlstestkit.cache.dir";

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "child-jvm-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts to describe a JVM that runs a main class. */
    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** The process. */
    public Process process() {
        return process;
    }

    /**
     * The first line of output that starts with a prefix, without the prefix; waits for it.
     *
     * @throws AssertionError where the JVM ends, or the time is up, without printing it; with its output
     */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length());
                    }
                }
                long left = deadline - System.nanoTime();
                if (!reader.isAlive() || left <= 0) {
                    throw new AssertionError("Expecting the child JVM to print a line starting with \"" + prefix
                            + "\"" + (reader.isAlive() ? " within " + timeout.toSeconds() + " s" : "") + ", but it "
                            + (reader.isAlive() ? "did not" : "ended without it") + ". Its output:\n" + output());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /**
     * Waits for the JVM to end and returns its exit status.
     *
     * @throws AssertionError where it still runs after the timeout (it is then killed); with its output
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("Expecting the child JVM to end within " + timeout.toSeconds() + " s, but it"
                    + " still ran; killed it. Its output:\n" + output());
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /** Writes a line to its standard input. */
    public void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to the child JVM; its output:\n" + output(), e);
        }
    }

    /** Everything it printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /** The lines it printed so far that start with a prefix, without the prefix. */
    public List<String> linesStartingWith(String prefix) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                    .toList();
        }
    }

    /** Ends it, if it still runs: asks it to stop (SIGTERM), so that its shutdown hooks run, then kills it. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** How to start a child JVM. */
    public static final class Builder {

        private final Class<?> mainClass;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Predicate<String> classPathEntries = entry -> true;

        private Builder(Class<?> mainClass) {
            this.mainClass = mainClass;
        }

        /** The main class's arguments. */
        public Builder args(String... values) {
            args.addAll(Arrays.asList(values));
            return this;
        }

        /** A system property of the child JVM. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** An environment variable of the child JVM. */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** Leaves out the entries of this JVM's class path that match: a dependency the child JVM must miss. */
        public Builder withoutClassPathEntries(Predicate<String> leftOut) {
            classPathEntries = classPathEntries.and(leftOut.negate());
            return this;
        }

        /** Starts it. */
        public ChildJvm start() {
            String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(classPathEntries).collect(Collectors.joining(File.pathSeparator));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xshare:auto");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-cp");
            command.add(classPath);
            String cache = System.getProperty(CACHE_DIRECTORY_KEY);
            if (cache != null && !systemProperties.containsKey(CACHE_DIRECTORY_KEY)) {
                command.add("-D" + CACHE_DIRECTORY_KEY + "=" + cache); // this JVM's cache folder, unless told
            }
            systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add(mainClass.getName());
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            try {
                return new ChildJvm(builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start a JVM for " + mainClass.getName(), e);
            }
        }
    }
}
