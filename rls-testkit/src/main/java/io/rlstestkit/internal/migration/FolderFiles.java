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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The files of a folder, by their path relative to it ({@code 20240101000000_init/migration.sql}), found at a
 * location as Flyway finds its locations: {@code filesystem:} on disk, {@code classpath:} (or no prefix) in
 * directories and jars of the class path.
 *
 * @param location the location, as written
 * @param files    every file under it, by relative path with {@code /} separators, sorted
 */
@API(status = INTERNAL)
public record FolderFiles(String location, Map<String, URL> files) {

    public FolderFiles {
        files = new TreeMap<>(files);
    }

    /** The files at a location, or empty where the location does not exist. */
    public static Optional<FolderFiles> at(String location, ClassLoader classLoader) {
        try {
            if (location.startsWith("filesystem:")) {
                Path root = Path.of(location.substring("filesystem:".length()));
                return Files.isDirectory(root) ? Optional.of(new FolderFiles(location, walk(root)))
                        : Optional.empty();
            }
            String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            path = path.replaceAll("^/+", "").replaceAll("/+$", "");
            Enumeration<URL> roots = classLoader.getResources(path);
            if (!roots.hasMoreElements()) {
                return Optional.empty();
            }
            Map<String, URL> files = new TreeMap<>();
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("file")) {
                    walk(Path.of(root.toURI())).forEach(files::putIfAbsent);
                } else if (root.getProtocol().equals("jar")) {
                    jar(root, path, files);
                }
            }
            return Optional.of(new FolderFiles(location, files));
        } catch (IOException | URISyntaxException e) {
            throw new KitException("Could not list the files at " + location + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, URL> walk(Path root) throws IOException {
        Map<String, URL> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(path).toString().replace('\\', '/'), path.toUri().toURL());
            }
        }
        return files;
    }

    private static void jar(URL root, String path, Map<String, URL> files) throws IOException {
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            String prefix = path + "/";
            try (JarFile file = jar.getJarFile()) {
                for (var entry : file.stream().filter(entry -> !entry.isDirectory()
                        && entry.getName().startsWith(prefix)).toList()) {
                    files.putIfAbsent(entry.getName().substring(prefix.length()),
                            new URL("jar:" + jar.getJarFileURL() + "!/" + entry.getName()));
                }
            }
        }
    }

    /** The relative paths of the files, sorted. */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /** Whether a file is there. */
    public boolean has(String path) {
        return files.containsKey(path);
    }

    /** A file's text, in UTF-8. */
    public String read(String path) {
        URL url = files.get(path);
        if (url == null) {
            throw new KitException("Expecting " + path + " at " + location + ", but there is no such file.");
        }
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + " at " + location, e);
        }
    }

    /** A location for a sub-folder: {@code classpath:db/supabase} gives {@code classpath:db/supabase/migrations}. */
    public String child(String folder) {
        return location.replaceAll("/+$", "") + "/" + folder;
    }
}
