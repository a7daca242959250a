package io.rlstestkit.internal.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small shell process that stops a postmaster when the JVM dies without stopping it itself (killed with
 * SIGKILL, say). It reads its standard input, a pipe from the JVM, until end of file: the operating system closes
 * the pipe when the JVM exits, however it exits. On a normal shutdown the kit stops the server first and then
 * destroys the watchdog, which then does nothing.
 */
final class Watchdog {

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /** Watches the postmaster of a data directory; {@code null} where no POSIX shell is available. */
    static Watchdog watch(Path dataDirectory) throws IOException {
        if (File.separatorChar != '/' || !new File("/bin/sh").canExecute()) {
            return null;
        }
        long pid = postmasterPid(dataDirectory);
        String script = "while read -r _; do :; done\n"
                + "kill -QUIT " + pid + " 2>/dev/null\n"
                + "i=0\n"
                + "while kill -0 " + pid + " 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "kill -KILL " + pid + " 2>/dev/null\n"
                + "rm -rf '" + dataDirectory.toString().replace("'", "'\\''") + "'\n";
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid"); // its own session: a Ctrl-C to the build does not kill it first
        }
        command.addAll(List.of("/bin/sh", "-c", script));
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new Watchdog(process);
    }

    /** The pid of the postmaster, from the first line of {@code postmaster.pid}. */
    static long postmasterPid(Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }

    /** Stops watching: the server was stopped by the kit. */
    void dismiss() {
        process.destroy();
    }
}
