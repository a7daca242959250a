package io.rlstestkit.internal.database;

import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Stopped PostgreSQL data directories kept between runs, in a folder of the user's ({@code ~/.cache/rls-testkit}
 * unless {@value #DIRECTORY_KEY} says otherwise; off with {@value #ENABLED_KEY}{@code =false}). Two kinds of entry:
 * {@code clusters}, the data directory {@code initdb} leaves, keyed by the binaries and the cluster settings; and
 * {@code templates}, a cluster stopped after the kit migrated and seeded a template database in it, keyed by every
 * input of that template. A run copies an entry into its own cluster directory and starts PostgreSQL there; the
 * entry itself is never started.
 *
 * <p>So that a run need not copy an entry before its cluster starts, the cache keeps a spare copy of the entries used
 * last, in the temporary folder (where the runs' cluster directories are, so that a spare becomes a run's data
 * directory by one rename): a run takes it, and makes the next one from the entry when its cluster has stopped. A
 * spare is sealed when it is made (its folders' modification times, which any file added or removed changes) and the
 * seal is checked when it is taken; one whose seal does not hold is dropped and the entry copied instead. Small
 * records ({@code system}) keep what the kit found out about this system and the binaries, so that the next JVM need
 * not find it out again.
 *
 * <p>Several JVMs may share the folder at once: an entry appears by one atomic rename of a complete directory (its
 * data, the list of its files with their sizes, and its properties), and each entry has a lock file that the JVM
 * holding it copies under. An entry that does not match its list of files, or whose format is not this kit's, is
 * removed with one line of explanation and made again.
 */
@API(status = INTERNAL)
public final class ClusterCache {

    /** The system property that turns the cache off: {@code false}. */
    public static final String ENABLED_KEY = "rlstestkit.cache";
    /**
     * The system property that keeps the cache's initialised clusters but not its migrated templates: {@code false}.
     * Every configuration is then migrated and seeded afresh, on a copy of an initialised cluster.
     */
    public static final String TEMPLATES_KEY = "rlstestkit.cache.templates";
    /** The system property that moves the cache folder. */
    public static final String DIRECTORY_KEY = "rlstestkit.cache.dir";
    /** The kind of entry that {@code initdb} made. */
    public static final String CLUSTERS = "clusters";
    /** The kind of entry that holds a migrated and seeded template. */
    public static final String TEMPLATES = "templates";

    /** The layout of an entry; an entry of another format is made again. */
    static final String FORMAT = "1";
    static final String DATA = "data";
    static final String FILES = "files";
    static final String PROPERTIES = "entry.properties";
    private static final String TEMPORARY_PREFIX = ".incomplete-";
    /**
     * How many entries of each kind are kept: a new one replaces the one used least recently. Each takes about
     * 40 MB; template entries multiply with every change of a configuration's inputs.
     */
    static final int ENTRIES_KEPT = 32;
    /** Files of a data directory that belong to one running cluster, never to an entry. */
    private static final Set<String> RUNTIME_FILES = Set.of("epg-lock", "postmaster.pid", "postmaster.opts");
    /** The folder, in the temporary folder, of the spare copies of every cache's entries. */
    static final String SPARES = "rls-testkit-spares";
    /** How many spare copies are kept, of all caches together: each takes as much room as its entry. */
    static final int SPARES_KEPT = 4;
    private static final String RECORDS = "system";
    /** The file, in a cache's folder of spares, that names the cache's folder. */
    private static final String OWNER = ".cache";

    private static final Map<Path, Object> LOCKS_IN_JVM = new ConcurrentHashMap<>();

    private final Path root;
    private final Path allSpares;
    private final Path spares;
    private final Consumer<String> notices;

    /**
     * A cache in a folder.
     *
     * @param root    the cache folder
     * @param notices where the one-line explanations go (a rebuilt entry)
     */
    public ClusterCache(Path root, Consumer<String> notices) {
        this(root, sparesFolder(), notices);
    }

    /**
     * A cache in a folder, with its spare copies in a folder of spares of its own choosing (a test's).
     *
     * @param root      the cache folder
     * @param allSpares the folder of the spare copies of every cache that shares it (each cache has a subfolder)
     * @param notices   where the one-line explanations go (a rebuilt entry)
     */
    ClusterCache(Path root, Path allSpares, Consumer<String> notices) {
        this.root = root.toAbsolutePath().resolve("v" + FORMAT);
        this.allSpares = allSpares;
        this.spares = allSpares.resolve(key(Map.of("cache", this.root.toString())).substring(0, 16));
        this.notices = notices;
    }

    /** The folder of all caches' spare copies: {@value #SPARES} in the temporary folder. */
    static Path sparesFolder() {
        return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve(SPARES);
    }

    /** The folder of this cache's spare copies. */
    Path spares() {
        return spares;
    }

    /** The cache the system properties configure, or {@code null} where {@value #ENABLED_KEY} is {@code false}. */
    public static ClusterCache configured() {
        if (!enabled()) {
            return null;
        }
        return new ClusterCache(defaultDirectory(), line -> System.err.println("rls-testkit cache: " + line));
    }

    /** Whether the cache is on ({@value #ENABLED_KEY} is not {@code false}). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(ENABLED_KEY, "true").trim());
    }

    /** {@value #DIRECTORY_KEY}, or {@code $XDG_CACHE_HOME/rls-testkit}, or {@code ~/.cache/rls-testkit}. */
    static Path defaultDirectory() {
        String configured = System.getProperty(DIRECTORY_KEY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rls-testkit");
    }

    /**
     * Whether migrated templates are kept and reused, not only initialised clusters: the cache is on, and
     * {@value #TEMPLATES_KEY} is not {@code false}.
     */
    public static boolean keepsTemplates() {
        return enabled() && !"false".equalsIgnoreCase(System.getProperty(TEMPLATES_KEY, "true").trim());
    }

    /** The folder of this format's entries. */
    public Path root() {
        return root;
    }

    /** A key: the SHA-256 of the inputs, taken in the order of their names (whatever the map's own order). */
    public static String key(Map<String, String> inputs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(inputs).forEach((name, value) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The folder of an entry (which may not exist). */
    Path entry(String kind, String key) {
        return root.resolve(kind).resolve(key);
    }

    /**
     * Copies an entry's data directory to an empty or absent directory, or takes a spare copy of it.
     *
     * @return the entry's properties, or {@code null} where there is no usable entry (a broken one is removed)
     */
    public Properties restore(String kind, String key, Path target) {
        Path entry = entry(kind, key);
        if (!Files.isDirectory(entry)) {
            return null;
        }
        return locked(kind, key, () -> {
            if (!Files.isDirectory(entry)) {
                return null;
            }
            String problem = check(entry);
            if (problem == null && takeSpare(kind, key, target)) {
                touch(entry);
                return readProperties(entry);
            }
            if (problem == null) {
                try {
                    copy(entry.resolve(DATA), target);
                    problem = verify(entry, target);
                    String version = readProperties(entry).getProperty("postgres");
                    String found = Files.readString(target.resolve("PG_VERSION")).trim();
                    if (problem == null && version != null && !version.equals(found)) {
                        problem = "its data is of PostgreSQL " + found + ", not " + version;
                    }
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                } catch (IOException | UncheckedIOException e) {
                    problem = "could not copy it: " + e.getMessage();
                }
            }
            if (problem != null) {
                deleteTree(target);
                remove(entry, problem);
                return null;
            }
            touch(entry);
            return readProperties(entry);
        });
    }

    /**
     * Keeps a stopped data directory as an entry, unless one exists already.
     *
     * @param properties what the entry needs to be used again (a template's name, say)
     */
    public void store(String kind, String key, Path dataDirectory, Map<String, String> properties) {
        make(kind, key, data -> copy(dataDirectory, data), properties);
    }

    /** Makes a data directory in its place in the cache. */
    @FunctionalInterface
    public interface Maker {

        /**
         * Fills a data directory.
         *
         * @param data the data directory to fill: absent, in a folder that exists
         */
        void make(Path data) throws IOException;
    }

    /**
     * Keeps a data directory that a maker makes in the cache's own folder (a run of {@code initdb}, say: nothing is
     * copied), unless the entry exists already.
     *
     * @param properties what the entry needs to be used again
     */
    public void make(String kind, String key, Maker maker, Map<String, String> properties) {
        Path entry = entry(kind, key);
        if (Files.isDirectory(entry)) {
            return;
        }
        Path temporary = null;
        try {
            Files.createDirectories(entry.getParent());
            removeAbandoned(entry.getParent());
            temporary = entry.getParent().resolve(TEMPORARY_PREFIX + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID());
            Files.createDirectory(temporary);
            maker.make(temporary.resolve(DATA));
            writeFileList(temporary.resolve(DATA), temporary.resolve(FILES));
            Properties stored = new Properties();
            stored.setProperty("format", FORMAT);
            properties.forEach(stored::setProperty);
            try (Writer out = Files.newBufferedWriter(temporary.resolve(PROPERTIES))) {
                stored.store(out, "rls-testkit cache entry");
            }
            Path complete = temporary;
            evictBeyond(kind, ENTRIES_KEPT - 1);
            locked(kind, key, () -> {
                try {
                    Files.move(complete, entry, StandardCopyOption.ATOMIC_MOVE);
                    dropSpares(kind, key); // copies of an earlier entry of the same key, which was removed
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    deleteTree(complete); // another JVM kept the same entry first
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (IOException | UncheckedIOException e) {
            notices.accept("could not keep the " + kind + " entry " + key + " in " + root + ": " + e.getMessage()
                    + "; the next run makes it again");
            if (temporary != null) {
                deleteTree(temporary);
            }
        }
    }

    /**
     * Makes a spare copy of an entry, where it has none: after a run that took the last one, once its cluster has
     * stopped (the copy then costs the run's end, not the next run's start).
     */
    public void replenish(String kind, String key) {
        Path entry = entry(kind, key);
        if (!Files.isDirectory(entry) || !spareNames(kind, key).isEmpty()) {
            return;
        }
        locked(kind, key, () -> {
            if (!Files.isDirectory(entry) || check(entry) != null) {
                return null;
            }
            Path temporary = null;
            try {
                Files.createDirectories(spares);
                removeAbandoned(spares);
                temporary = spares.resolve(TEMPORARY_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
                copy(entry.resolve(DATA), temporary);
                if (verify(entry, temporary) != null) {
                    throw new IOException("the copy does not match the entry's list of files");
                }
                addSpare(kind, key, temporary);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                if (temporary != null) {
                    deleteTree(temporary);
                }
            }
            return null;
        });
    }

    /**
     * Keeps a stopped data directory as the spare copy of the entry it was just kept as, by renaming it: the data
     * directory of a run whose cluster was kept is exactly the entry's data.
     */
    public void keepAsSpare(String kind, String key, Path stoppedDataDirectory) {
        if (!Files.isDirectory(entry(kind, key)) || !spareNames(kind, key).isEmpty()) {
            return;
        }
        locked(kind, key, () -> {
            try {
                for (String runtime : RUNTIME_FILES) {
                    Files.deleteIfExists(stoppedDataDirectory.resolve(runtime));
                }
                Files.createDirectories(spares);
                addSpare(kind, key, stoppedDataDirectory);
            } catch (IOException | UncheckedIOException ignored) {
                // only the next run's start suffers: it copies the entry
            }
            return null;
        });
    }

    /**
     * Renames a complete copy into place as a spare and seals it (under the entry's lock, so that no JVM takes it
     * unsealed), then removes the spares made least recently beyond the limit.
     */
    private void addSpare(String kind, String key, Path copy) throws IOException {
        Path spare = spares.resolve(kind + "-" + key + "-" + UUID.randomUUID());
        Files.move(copy, spare, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(spare, FileTime.fromMillis(System.currentTimeMillis()));
        writeSeal(spare);
        Path owner = spares.resolve(OWNER);
        if (!Files.isRegularFile(owner)) {
            Files.writeString(owner, root.toString());
        }
        dropOrphanedSpares();
        List<Path> all;
        try (Stream<Path> caches = Files.list(allSpares)) {
            all = caches.filter(Files::isDirectory).flatMap(ClusterCache::children)
                    .filter(path -> !path.getFileName().toString().startsWith(".")).toList();
        }
        if (all.size() <= SPARES_KEPT) {
            return;
        }
        Map<Path, Long> used = new LinkedHashMap<>();
        for (Path path : all) {
            try {
                used.put(path, Files.getLastModifiedTime(path).toMillis());
            } catch (IOException e) {
                used.put(path, 0L);
            }
        }
        all.stream().sorted(Comparator.comparing(used::get)).limit(all.size() - SPARES_KEPT)
                .forEach(ClusterCache::dropSpare);
    }

    /**
     * Deletes the spares of caches whose folder is gone (a test's temporary cache, say): each cache's folder of
     * spares names its cache in a file of its own.
     */
    private void dropOrphanedSpares() throws IOException {
        List<Path> folders;
        try (Stream<Path> caches = Files.list(allSpares)) {
            folders = caches.filter(Files::isDirectory).filter(folder -> !folder.equals(spares)).toList();
        }
        for (Path folder : folders) {
            String cache;
            try {
                cache = Files.readString(folder.resolve(OWNER)).strip();
            } catch (IOException e) {
                continue; // being made, or not the kit's
            }
            if (!cache.isEmpty() && !Files.isDirectory(Path.of(cache))) {
                children(folder).filter(path -> !path.getFileName().toString().startsWith("."))
                        .forEach(ClusterCache::dropSpare);
                deleteTree(folder);
            }
        }
    }

    /**
     * Takes a spare copy of an entry as a run's data directory (an empty directory, replaced) by one rename, where
     * there is one whose seal holds; a spare whose seal does not is dropped with one line of explanation.
     */
    private boolean takeSpare(String kind, String key, Path target) {
        for (String name : spareNames(kind, key)) {
            Path spare = spares.resolve(name);
            String problem = unsealed(spare);
            if (problem != null) {
                notices.accept("dropping a spare copy of " + kind + " entry " + key + " (" + spares + "): "
                        + problem);
                dropSpare(spare);
                continue;
            }
            try {
                Files.deleteIfExists(target);
                Files.move(spare, target, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(seal(spare));
                return true;
            } catch (IOException e) {
                recreate(target); // it could not be renamed into place: the next spare, or a copy
            }
        }
        return false;
    }

    /** The seal of a spare copy: beside it, the modification time of each of its folders when it was made. */
    private static Path seal(Path spare) {
        return spare.resolveSibling(".seal-" + spare.getFileName());
    }

    /** Records a spare copy's folders' modification times (any file added or removed since changes one of them). */
    private static void writeSeal(Path spare) throws IOException {
        List<String> lines = new ArrayList<>();
        Files.walkFileTree(spare, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                lines.add(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) + " "
                        + spare.relativize(directory).toString().replace('\\', '/'));
                return FileVisitResult.CONTINUE;
            }
        });
        Files.write(seal(spare), lines);
    }

    /**
     * Why a spare copy may have changed since it was made (a cleaner of temporary folders removed files from it,
     * say), or {@code null}: each of its folders has the modification time its seal recorded.
     */
    private static String unsealed(Path spare) {
        List<String> lines;
        try {
            lines = Files.readAllLines(seal(spare));
        } catch (IOException e) {
            return "it has no seal";
        }
        for (String line : lines) {
            int space = line.indexOf(' ');
            String folder = line.substring(space + 1);
            try {
                long recorded = Long.parseLong(line.substring(0, space));
                long now = Files.getLastModifiedTime(spare.resolve(folder)).to(TimeUnit.NANOSECONDS);
                if (now != recorded) {
                    return "files were added to or removed from its folder " + (folder.isEmpty() ? "." : folder)
                            + " since it was made";
                }
            } catch (IOException | RuntimeException e) {
                return "its folder " + (folder.isEmpty() ? "." : folder) + " is gone";
            }
        }
        return null;
    }

    private static void recreate(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of an entry's spare copies, in this cache's spare folder. */
    private List<String> spareNames(String kind, String key) {
        if (!Files.isDirectory(spares)) {
            return List.of();
        }
        String prefix = kind + "-" + key + "-";
        try (Stream<Path> children = Files.list(spares)) {
            return children.map(path -> path.getFileName().toString()).filter(name -> name.startsWith(prefix))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Deletes an entry's spare copies (the entry was removed or made anew). */
    private void dropSpares(String kind, String key) {
        spareNames(kind, key).forEach(name -> dropSpare(spares.resolve(name)));
    }

    /** Deletes a spare copy: renamed aside first (atomic), so that no JVM takes one half deleted. */
    private static void dropSpare(Path spare) {
        Path aside = spare.resolveSibling(TEMPORARY_PREFIX + "dropped-" + UUID.randomUUID());
        try {
            Files.move(spare, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(seal(spare));
        } catch (IOException e) {
            return; // taken or dropped by another JVM meanwhile
        }
        deleteTree(aside);
    }

    private static Stream<Path> children(Path folder) {
        try {
            return Files.list(folder).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    /** A small record of this cache's ({@code system/<name>.properties}); {@code null} where there is none. */
    Properties record(String name) {
        return load(root.resolve(RECORDS).resolve(name + ".properties"));
    }

    /** Writes a small record (atomically: a reader sees the old one or the new one); where it cannot, nothing. */
    void record(String name, Map<String, String> values) {
        Path folder = root.resolve(RECORDS);
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve(TEMPORARY_PREFIX + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
            Properties properties = new Properties();
            values.forEach(properties::setProperty);
            try (Writer out = Files.newBufferedWriter(temporary)) {
                properties.store(out, "rls-testkit cache record");
            }
            Files.move(temporary, folder.resolve(name + ".properties"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException ignored) {
            // the next JVM finds it out again
        }
    }

    /** Forgets a small record (it turned out wrong). */
    void forget(String name) {
        try {
            Files.deleteIfExists(root.resolve(RECORDS).resolve(name + ".properties"));
        } catch (IOException ignored) {
            // the next JVM finds it wrong again
        }
    }

    /**
     * Removes an entry that turned out unusable (PostgreSQL would not start from it, say), with one line saying why.
     */
    public void discard(String kind, String key, String why) {
        Path entry = entry(kind, key);
        locked(kind, key, () -> {
            if (Files.isDirectory(entry)) {
                remove(entry, why);
            }
            return null;
        });
    }

    /** Marks an entry as used now: the entries used least recently are the first to go. */
    private static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry.resolve(PROPERTIES), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException ignored) {
            // only the order of eviction suffers
        }
    }

    /** Deletes the entries of a kind used least recently, down to a number. */
    private void evictBeyond(String kind, int kept) throws IOException {
        List<Path> entries;
        try (Stream<Path> children = Files.list(root.resolve(kind))) {
            entries = children.filter(path -> !path.getFileName().toString().startsWith(TEMPORARY_PREFIX))
                    .filter(path -> Files.isRegularFile(path.resolve(PROPERTIES))).toList();
        }
        if (entries.size() <= kept) {
            return;
        }
        Map<Path, Long> used = new LinkedHashMap<>();
        for (Path entry : entries) {
            try {
                used.put(entry, Files.getLastModifiedTime(entry.resolve(PROPERTIES)).toMillis());
            } catch (IOException e) {
                used.put(entry, 0L);
            }
        }
        List<Path> oldestFirst = entries.stream().sorted(Comparator.comparing(used::get)).toList();
        for (Path entry : oldestFirst.subList(0, entries.size() - kept)) {
            String key = entry.getFileName().toString();
            locked(kind, key, () -> {
                Path aside = entry.resolveSibling(TEMPORARY_PREFIX + "evicted-" + UUID.randomUUID());
                try {
                    Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(aside);
                    dropSpares(kind, key);
                } catch (IOException ignored) {
                    // another JVM removed it first
                }
                return null;
            });
        }
    }

    /** Why an entry cannot be used, or {@code null}. */
    private static String check(Path entry) {
        if (!Files.isRegularFile(entry.resolve(PROPERTIES)) || !Files.isRegularFile(entry.resolve(FILES))
                || !Files.isDirectory(entry.resolve(DATA))) {
            return "it is incomplete (no " + PROPERTIES + ", " + FILES + " or " + DATA + ")";
        }
        Properties properties = readProperties(entry);
        if (properties == null) {
            return "its " + PROPERTIES + " is unreadable";
        }
        if (!FORMAT.equals(properties.getProperty("format"))) {
            return "it is of format " + properties.getProperty("format") + ", not " + FORMAT;
        }
        return null;
    }

    /** Whether a copy holds exactly the files of the entry's list, with their sizes; why not, or {@code null}. */
    private static String verify(Path entry, Path copy) throws IOException {
        Map<String, Long> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(entry.resolve(FILES))) {
            int space = line.indexOf(' ');
            if (space < 0) {
                return "its list of files is damaged";
            }
            expected.put(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
        }
        Map<String, Long> found = fileSizes(copy);
        if (!found.equals(expected)) {
            for (Map.Entry<String, Long> file : expected.entrySet()) {
                Long size = found.get(file.getKey());
                if (!file.getValue().equals(size)) {
                    return "its file " + file.getKey() + " is " + (size == null ? "missing" : size + " bytes, not "
                            + file.getValue());
                }
            }
            return "it holds files its list does not name";
        }
        return null;
    }

    private static void writeFileList(Path data, Path list) throws IOException {
        List<String> lines = new ArrayList<>();
        fileSizes(data).forEach((name, size) -> lines.add(size + " " + name));
        Files.write(list, lines);
    }

    /** The regular files under a folder, by relative path (with {@code /}), with their sizes, in path order. */
    private static Map<String, Long> fileSizes(Path data) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        Files.walkFileTree(data, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    sizes.put(data.relativize(file).toString().replace('\\', '/'), attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sizes;
    }

    private static Properties readProperties(Path entry) {
        return load(entry.resolve(PROPERTIES));
    }

    /** A properties file; {@code null} where it is missing or unreadable. */
    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Renames a broken entry out of the way (atomic), then deletes it; says why in one line. */
    private void remove(Path entry, String why) {
        notices.accept("rebuilding " + entry.getParent().getFileName() + " entry " + entry.getFileName() + " ("
                + root + "): " + why);
        Path aside = entry.resolveSibling(TEMPORARY_PREFIX + "discarded-" + UUID.randomUUID());
        try {
            Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            aside = entry;
        }
        deleteTree(aside);
        dropSpares(entry.getParent().getFileName().toString(), entry.getFileName().toString());
    }

    /** Deletes what JVMs that died while keeping an entry left behind. */
    private static void removeAbandoned(Path kindFolder) throws IOException {
        try (Stream<Path> children = Files.list(kindFolder)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (!name.startsWith(TEMPORARY_PREFIX)) {
                    continue;
                }
                String rest = name.substring(TEMPORARY_PREFIX.length());
                int dash = rest.indexOf('-');
                boolean abandoned;
                try {
                    long pid = Long.parseLong(rest.substring(0, Math.max(0, dash)));
                    abandoned = ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
                } catch (NumberFormatException e) {
                    abandoned = true; // a discarded entry whose deletion was interrupted
                }
                if (abandoned) {
                    deleteTree(child);
                }
            }
        }
    }

    /** Runs an action holding the entry's lock: in this JVM, then across JVMs (a file lock). */
    private <T> T locked(String kind, String key, java.util.function.Supplier<T> action) {
        Path lockFile = root.resolve(kind).resolve(key + ".lock");
        Object monitor = LOCKS_IN_JVM.computeIfAbsent(lockFile, path -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(lockFile.getParent());
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    return action.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not lock " + lockFile, e);
            }
        }
    }

    /** Copies a directory tree, keeping permissions (PostgreSQL insists on 0700 for its data directory). */
    static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path relative = source.relativize(path);
                if (RUNTIME_FILES.contains(relative.toString())) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.getFileStore(destination).supportsFileAttributeView(PosixFileAttributeView.class)) {
                        Files.setPosixFilePermissions(destination, Files.getPosixFilePermissions(path));
                    }
                    continue;
                }
                Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: what is left is removed as abandoned later
        }
    }
}
