package io.rlstestkit.internal.database;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spare copies of entries: a run takes one by a rename instead of copying its entry, and the next one is made
 * after the run. The entries here are small stand-ins for data directories; what PostgreSQL makes of real ones is
 * {@link ClusterCacheTest}'s concern.
 */
class ClusterCacheSparesTest {

    @TempDir
    Path workspace;

    private final List<String> notices = new ArrayList<>();
    private ClusterCache cache;
    private Path data;

    @BeforeEach
    void keepAnEntry() throws IOException {
        cache = new ClusterCache(workspace.resolve("cache"), workspace.resolve("spares"), notices::add);
        data = Files.createDirectories(workspace.resolve("data/global")).getParent();
        Files.writeString(data.resolve("global/pg_control"), "control");
        Files.writeString(data.resolve("PG_VERSION"), "17\n");
        cache.store(ClusterCache.TEMPLATES, "key", data, Map.of("template", "t"));
    }

    @Test
    void aRunTakesTheSpareByRenameAndTheNextIsMadeAfterIt() throws IOException {
        cache.replenish(ClusterCache.TEMPLATES, "key");
        List<Path> before = spares();
        Path target = Files.createDirectories(workspace.resolve("run/data"));

        assertThat(cache.restore(ClusterCache.TEMPLATES, "key", target)).isNotNull();

        assertThat(before).hasSize(1);
        assertThat(spares()).as("the spare, taken").isEmpty();
        assertThat(target.resolve("global/pg_control")).hasContent("control");
        cache.replenish(ClusterCache.TEMPLATES, "key");
        assertThat(spares()).as("the next spare").hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(notices).isEmpty();
    }

    @Test
    void aStoppedDataDirectoryKeptAsTheEntryBecomesItsSpare() throws IOException {
        Files.writeString(data.resolve("postmaster.opts"), "postgres -D data");

        cache.keepAsSpare(ClusterCache.TEMPLATES, "key", data);

        assertThat(data).doesNotExist();
        assertThat(spares()).hasSize(1);
        Path target = Files.createDirectories(workspace.resolve("run/data"));
        assertThat(cache.restore(ClusterCache.TEMPLATES, "key", target)).isNotNull();
        assertThat(target.resolve("postmaster.opts")).as("a file of the stopped cluster's, not of the entry's")
                .doesNotExist();
        assertThat(notices).isEmpty();
    }

    @Test
    void aSpareWhoseFilesChangedIsDroppedWithOneLineAndTheEntryCopied() throws IOException {
        cache.replenish(ClusterCache.TEMPLATES, "key");
        Files.delete(spares().get(0).resolve("global/pg_control")); // a cleaner of temporary folders, say
        Path target = Files.createDirectories(workspace.resolve("run/data"));

        assertThat(cache.restore(ClusterCache.TEMPLATES, "key", target)).isNotNull();

        assertThat(target.resolve("global/pg_control")).hasContent("control");
        assertThat(notices).singleElement().asString()
                .startsWith("dropping a spare copy of templates entry key (")
                .endsWith("): files were added to or removed from its folder global since it was made");
        assertThat(spares()).isEmpty();
    }

    @Test
    void aDiscardedEntryTakesItsSparesWithIt() throws IOException {
        cache.replenish(ClusterCache.TEMPLATES, "key");

        cache.discard(ClusterCache.TEMPLATES, "key", "PostgreSQL did not start from it");

        assertThat(spares()).isEmpty();
        assertThat(cache.restore(ClusterCache.TEMPLATES, "key", Files.createDirectories(workspace.resolve("run"))))
                .isNull();
    }

    @Test
    void sparesBeyondTheLimitGoUsedLeastRecentlyFirst() throws IOException {
        ClusterCache other = new ClusterCache(workspace.resolve("other-cache"), workspace.resolve("spares"),
                notices::add);
        for (int i = 0; i < ClusterCache.SPARES_KEPT; i++) {
            other.store(ClusterCache.CLUSTERS, "k" + i, data, Map.of());
            other.replenish(ClusterCache.CLUSTERS, "k" + i);
            String prefix = "clusters-k" + i + "-";
            try (Stream<Path> made = Files.list(other.spares())) {
                for (Path spare : made.filter(path -> path.getFileName().toString().startsWith(prefix)).toList()) {
                    Files.setLastModifiedTime(spare, FileTime.fromMillis(1_000_000L * (i + 1)));
                }
            }
        }
        cache.replenish(ClusterCache.TEMPLATES, "key");

        List<String> kept;
        try (Stream<Path> caches = Files.list(workspace.resolve("spares"))) {
            kept = caches.flatMap(folder -> {
                try {
                    return Files.list(folder).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(path -> path.getFileName().toString()).filter(name -> !name.startsWith(".")).toList();
        }
        assertThat(kept).hasSize(ClusterCache.SPARES_KEPT).anyMatch(name -> name.startsWith("templates-key-"))
                .noneMatch(name -> name.startsWith("clusters-k0-"));
    }

    @Test
    void theSparesOfACacheWhoseFolderIsGoneAreDeletedWhenAnotherCacheKeepsOne() throws IOException {
        Path gone = workspace.resolve("temporary-cache");
        ClusterCache temporary = new ClusterCache(gone, workspace.resolve("spares"), notices::add);
        temporary.store(ClusterCache.CLUSTERS, "k", data, Map.of());
        temporary.replenish(ClusterCache.CLUSTERS, "k");
        assertThat(temporary.spares()).isDirectory();
        ClusterCache.deleteTree(gone);

        cache.replenish(ClusterCache.TEMPLATES, "key");

        assertThat(temporary.spares()).doesNotExist();
        assertThat(spares()).hasSize(1);
    }

    private List<Path> spares() throws IOException {
        if (!Files.isDirectory(cache.spares())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(cache.spares())) {
            return children.filter(path -> !path.getFileName().toString().startsWith(".")).toList();
        }
    }
}
