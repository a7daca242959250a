package io.rlstestkit.internal.migration;

import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.apiguardian.api.API.Status.INTERNAL;

/** Flyway-style locations ({@code classpath:db/migration}, {@code filesystem:src/db}) and the files in them. */
@API(status = INTERNAL)
public final class Locations {

    private Locations() {
    }

    /**
     * Checks that each location exists.
     *
     * @throws KitException naming the first that does not, and what to do
     */
    public static void requireExisting(List<String> locations, ClassLoader classLoader) {
        for (String location : locations) {
            if (!exists(location, classLoader)) {
                throw new KitException("Expecting Flyway migrations at " + location + ", but that location does not"
                        + " exist " + (isFilesystem(location) ? "(working directory: "
                        + Path.of("").toAbsolutePath().getFileName() + ")" : "on the test class path") + ".\n"
                        + "Put the migrations in src/main/resources/db/migration (or src/test/resources/...), or point"
                        + " @RlsTest(migrations = ...) or rlstestkit.migrations at their location.");
            }
        }
    }

    private static boolean exists(String location, ClassLoader classLoader) {
        if (isFilesystem(location)) {
            return Files.isDirectory(Path.of(location.substring("filesystem:".length())));
        }
        return classLoader.getResource(classpathPath(location)) != null;
    }

    private static boolean isFilesystem(String location) {
        return location.startsWith("filesystem:");
    }

    private static String classpathPath(String location) {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    /**
     * The text of a script at a location: {@code classpath:db/seed/tenant.sql} or
     * {@code filesystem:src/test/seed.sql}; a path without a prefix is on the class path.
     */
    public static String read(String location, ClassLoader classLoader, String what) {
        try {
            if (isFilesystem(location)) {
                return Files.readString(Path.of(location.substring("filesystem:".length())), StandardCharsets.UTF_8);
            }
            URL resource = classLoader.getResource(classpathPath(location));
            if (resource == null) {
                throw new KitException("Expecting " + what + " at " + location + ", but there is no such resource on"
                        + " the test class path.\nPut it in src/test/resources (" + classpathPath(location)
                        + ") or fix the location.");
            }
            try (InputStream in = resource.openStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new KitException("Expecting " + what + " at " + location + ", but it cannot be read: " + e, e);
        }
    }
}
