package io.rlstestkit.internal.environment;

import io.rlstestkit.internal.database.ClusterCache;
import io.rlstestkit.internal.migration.Locations;
import io.rlstestkit.internal.migration.MigrationFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cache key of a configuration's migrated and seeded template: a hash of every input that shapes it. Those are
 * the initialised cluster it starts from, every file under the migration locations (name and content, so that an
 * edited, added or removed migration or callback changes the key), the Flyway schemas and properties, the Supabase
 * preset, the seed script's location and content, the tenants, the tenant column, and the kit's own code. Where an
 * input cannot be hashed (Java migrations, callbacks or resolvers named in Flyway properties; an unreadable file),
 * there is no key, and the template is made as if there were no cache.
 */
final class TemplateEntry {

    /** Flyway properties that bring code the kit cannot hash: with any of them, templates are not kept. */
    private static final List<String> CODE_PROPERTIES = List.of("javamigrations", "callbacks", "resolvers",
            "resourceprovider", "classprovider");

    private TemplateEntry() {
    }

    /**
     * The key from a configuration's own inputs ({@link #inputs}) and a cluster key; {@code null} where either is
     * missing.
     */
    static String key(String inputs, String clusterKey) {
        if (inputs == null || clusterKey == null) {
            return null;
        }
        return ClusterCache.key(Map.of("cluster", clusterKey, "inputs", inputs));
    }

    /**
     * A hash of a configuration's own inputs, all but the cluster's (so that it can be worked out while the cluster
     * key is); {@code null} where they cannot all be hashed.
     */
    static String inputs(KitConfiguration configuration) {
        if (configuration.flywayProperties().keySet().stream()
                .map(key -> key.toLowerCase(Locale.ROOT)).anyMatch(key -> CODE_PROPERTIES.stream()
                        .anyMatch(key::endsWith))) {
            return null;
        }
        try {
            ClassLoader loader = configuration.classLoader();
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("kit", kitCode());
            inputs.put("locations", String.join(",", configuration.migrations()));
            Locations.requireExisting(configuration.migrations(), loader);
            for (MigrationFiles.MigrationFile file : MigrationFiles.scan(configuration.migrations(), loader,
                    List.of(""))) {
                inputs.put("file " + file.url(), sha256(file.url().openStream()));
            }
            inputs.put("schemas", String.join(",", configuration.schemas()));
            inputs.put("flyway", new TreeMap<>(configuration.flywayProperties()).toString());
            inputs.put("supabase", String.valueOf(configuration.supabase()));
            if (configuration.supabase()) {
                inputs.put("preset", Locations.read(Environment.SUPABASE_PRESET,
                        Environment.class.getClassLoader(), "the Supabase preset"));
            }
            inputs.put("tenants", configuration.tenants().toString());
            inputs.put("tenant column", configuration.tenantColumn());
            inputs.put("seed", configuration.seed());
            if (!configuration.seed().isEmpty()) {
                inputs.put("seed content", Locations.read(configuration.seed(), loader, "the seed script"));
            }
            return ClusterCache.key(inputs);
        } catch (IOException | RuntimeException e) {
            return null; // in doubt: made as if there were no cache, which reports the problem as it always did
        }
    }

    /** The kit's own code, which seeds and names tenants: its location, with the jar's size and time. */
    private static String kitCode() throws IOException {
        CodeSource source = TemplateEntry.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "?";
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(path)) {
                return path + " " + Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis();
            }
            Path self = path.resolve(TemplateEntry.class.getName().replace('.', '/') + ".class");
            return path + " " + (Files.exists(self) ? Files.getLastModifiedTime(self).toMillis() : 0);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return String.valueOf(source.getLocation());
        }
    }

    private static String sha256(InputStream stream) throws IOException {
        try (InputStream in = stream) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("SHA-256 is part of every JVM", e));
        }
    }
}
