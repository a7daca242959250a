package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The files in Flyway locations, found as Flyway finds them: {@code classpath:} locations in directories and jars of
 * the class path, {@code filesystem:} locations on disk, each with its sub-folders. Flyway Community does not hand
 * out the undo scripts it skips, so the kit looks for them itself, in the same places.
 */
@API(status = INTERNAL)
public final class MigrationFiles {

    private MigrationFiles() {
    }

    /**
     * A file in a location.
     *
     * @param location the location it was found in, as configured
     * @param name     its file name: {@code U3__policies.sql}
     * @param url      where to read it
     */
    public record MigrationFile(String location, String name, URL url) {

        /** Its text. */
        public String read(Charset charset) {
            try (InputStream in = url.openStream()) {
                return new String(in.readAllBytes(), charset);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + name + " at " + location, e);
            }
        }
    }

    /** Every file under the locations whose name ends with one of the suffixes, by location, then by path. */
    public static List<MigrationFile> scan(List<String> locations, ClassLoader classLoader, List<String> suffixes) {
        List<MigrationFile> files = new ArrayList<>();
        for (String location : locations) {
            try {
                if (location.startsWith("filesystem:")) {
                    walk(location, Path.of(location.substring("filesystem:".length())), suffixes, files);
                } else {
                    scanClasspath(location, classLoader, suffixes, files);
                }
            } catch (IOException e) {
                throw new KitException("Could not list the files at " + location + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static void scanClasspath(String location, ClassLoader classLoader, List<String> suffixes,
                                      List<MigrationFile> files) throws IOException {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Enumeration<URL> roots = classLoader.getResources(path);
        while (roots.hasMoreElements()) {
            URL root = roots.nextElement();
            if (root.getProtocol().equals("file")) {
                try {
                    walk(location, Path.of(root.toURI()), suffixes, files);
                } catch (URISyntaxException e) {
                    throw new IOException("Unreadable class path entry " + root, e);
                }
            } else if (root.getProtocol().equals("jar")) {
                URLConnection connection = root.openConnection();
                if (connection instanceof JarURLConnection jar) {
                    jar.setUseCaches(false);
                    String prefix = path + "/";
                    try (JarFile file = jar.getJarFile()) {
                        List<JarEntry> entries = file.stream()
                                .filter(entry -> !entry.isDirectory() && entry.getName().startsWith(prefix))
                                .filter(entry -> matches(entry.getName(), suffixes))
                                .sorted(Comparator.comparing(JarEntry::getName)).toList();
                        for (JarEntry entry : entries) {
                            String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                            files.add(new MigrationFile(location, name,
                                    new URL("jar:" + jar.getJarFileURL() + "!/" + entry.getName())));
                        }
                    }
                }
            }
        }
    }

    private static void walk(String location, Path root, List<String> suffixes, List<MigrationFile> files)
            throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = path.getFileName().toString();
                if (matches(name, suffixes)) {
                    files.add(new MigrationFile(location, name, path.toUri().toURL()));
                }
            }
        }
    }

    private static boolean matches(String name, List<String> suffixes) {
        return suffixes.stream().anyMatch(name::endsWith);
    }
}
