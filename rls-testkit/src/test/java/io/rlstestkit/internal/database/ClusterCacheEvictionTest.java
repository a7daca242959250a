package io.rlstestkit.internal.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache keeps a bounded number of entries of each kind: a new entry replaces the one used least recently. The
 * entries here are small stand-ins for data directories; what PostgreSQL makes of real ones is
 * {@link ClusterCacheTest}'s concern.
 */
class ClusterCacheEvictionTest {

    @TempDir
    Path workspace;

    @Test
    void aNewEntryReplacesTheOneUsedLeastRecently() throws IOException {
        List<String> notices = new ArrayList<>();
        ClusterCache cache = new ClusterCache(workspace.resolve("cache"), notices::add);
        Path data = Files.createDirectories(workspace.resolve("data/global"));
        Files.writeString(data.resolve("pg_control"), "control");
        Files.writeString(workspace.resolve("data/PG_VERSION"), "17\n");
        for (int i = 0; i < ClusterCache.ENTRIES_KEPT; i++) {
            cache.store(ClusterCache.TEMPLATES, "key" + i, workspace.resolve("data"), Map.of("template", "t" + i));
            Files.setLastModifiedTime(cache.entry(ClusterCache.TEMPLATES, "key" + i).resolve(ClusterCache.PROPERTIES),
                    FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Properties used = cache.restore(ClusterCache.TEMPLATES, "key0", workspace.resolve("copy"));

        cache.store(ClusterCache.TEMPLATES, "new", workspace.resolve("data"), Map.of("template", "new"));

        assertThat(used).as("restored; notices: %s", notices).isNotNull();
        assertThat(used.getProperty("template")).isEqualTo("t0");
        assertThat(workspace.resolve("copy/global/pg_control")).hasContent("control");
        assertThat(entries(cache)).hasSize(ClusterCache.ENTRIES_KEPT).contains("key0", "new").doesNotContain("key1");
        assertThat(notices).isEmpty();
    }

    private static List<String> entries(ClusterCache cache) throws IOException {
        try (Stream<Path> children = Files.list(cache.root().resolve(ClusterCache.TEMPLATES))) {
            return children.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
        }
    }
}
