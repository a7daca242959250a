package io.rlstestkit.internal.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small shell process that stops a postmaster and deletes its cluster's directory when the JVM ends without doing
 * so itself (killed with SIGKILL, say). It reads its standard input, a pipe from the JVM, until end of file: the
 * operating system closes the pipe when the JVM exits, however it exits. It runs in a session of its own, so that a
 * Ctrl-C to the build does not stop it before the JVM. On a normal shutdown the kit stops the server first and then
 * dismisses the watchdog; should the watchdog still wake, it finds no {@code postmaster.pid} and only deletes the
 * directory: it never signals a pid that the postmaster no longer holds.
 */
final class Watchdog {

    private final Process process;

    private Watchdog(Process process) {
        this.process = process;
    }

    /**
     * Watches the postmaster of a data directory; {@code null} where no POSIX shell is available.
     *
     * @param dataDirectory the cluster's data directory, with the postmaster's {@code postmaster.pid}
     * @param directory     the directory to delete once the postmaster is gone (the data directory or a parent)
     */
    static Watchdog watch(Path dataDirectory, Path directory) throws IOException {
        if (File.separatorChar != '/' || !new File("/bin/sh").canExecute()) {
            return null;
        }
        long pid = postmasterPid(dataDirectory);
        // runs(): the postmaster has not exited; an exited one whose parent has not reaped it yet (a zombie) has
        String script = "while read -r _; do :; done\n"
                + "pid=" + pid + "\n"
                + "runs() {\n"
                + "  kill -0 $pid 2>/dev/null || return 1\n"
                + "  [ -r /proc/$pid/stat ] || return 0\n"
                + "  read -r stat < /proc/$pid/stat\n"
                + "  case \"${stat##*) }\" in Z*) return 1 ;; esac\n"
                + "}\n"
                + "pidfile=" + quote(dataDirectory.resolve("postmaster.pid").toString()) + "\n"
                + "first=\n"
                + "[ -f \"$pidfile\" ] && read -r first < \"$pidfile\"\n"
                + "if [ \"$first\" = \"$pid\" ]; then\n"
                + "  kill -QUIT $pid 2>/dev/null\n"
                + "  i=0\n"
                + "  while runs && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done\n"
                + "  runs && kill -KILL $pid 2>/dev/null\n"
                + "fi\n"
                + "rm -rf " + quote(directory.toString()) + "\n";
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

    private static String quote(String path) {
        return "'" + path.replace("'", "'\\''") + "'";
    }

    /** The pid of the postmaster, from the first line of {@code postmaster.pid}. */
    static long postmasterPid(Path dataDirectory) throws IOException {
        List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }

    /** Stops watching: the kit stopped the server and deleted its directory. */
    void dismiss() {
        process.destroy();
    }
}
