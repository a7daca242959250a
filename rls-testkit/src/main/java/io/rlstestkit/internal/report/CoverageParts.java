package io.rlstestkit.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rlstestkit.Finding;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.scope.Json;
import org.apiguardian.api.API;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The coverage of a build whose tests run in several JVMs (Surefire's forks, CI shards): each JVM writes its own
 * part, everything it recorded for a report directory in this build, to {@code <directory>/parts/<build>/<part>.json};
 * the report is the merge of every part of the build.
 *
 * <p>A part is replaced by one atomic rename of a complete file, so a reader never sees half of one. Writing a part,
 * removing the parts of earlier builds, reading the parts and writing the merged report happen under one file lock
 * ({@code parts/.lock}), so the report the last fork of a build writes holds every part, whichever fork ends last. The
 * merge does not depend on the order the forks ended in: parts are read in the order of their names, and the
 * configurations and audits are sorted.
 */
@API(status = INTERNAL)
public final class CoverageParts {

    /** The folder of the parts, under the report's directory. */
    public static final String FOLDER = "parts";

    private static final CoverageParts INSTANCE = new CoverageParts();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FORMAT = 1;

    /** The first mark of each (directory, build) this JVM wrote to: its part is everything since. */
    private final Map<Path, CoverageLog.Mark> firstMarks = new HashMap<>();

    private CoverageParts() {
    }

    /** The JVM's parts. */
    public static CoverageParts instance() {
        return INSTANCE;
    }

    /**
     * This JVM's part of a build's report in a directory, for a run of tests that started at a mark of the log: the
     * part holds what this JVM recorded since its first run of the build in that directory.
     *
     * @param directory the report's directory
     * @param build     the build's id, the same in every fork of the build ({@code 2026-12-01T05-10-34_606})
     * @param name      the part's name, one per JVM ({@code jvmRun1-4242})
     * @param mark      where the run started in the log
     */
    public synchronized Part part(Path directory, String build, String name, CoverageLog.Mark mark) {
        Path file = directory.toAbsolutePath().normalize().resolve(FOLDER).resolve(build).resolve(name + ".json");
        CoverageLog.Mark first = firstMarks.merge(file, mark, (earlier, later) -> earlier);
        return new Part(file, () -> CoverageLog.instance().since(first));
    }

    /** One JVM's part of a build's report. */
    public static final class Part {
        private final Path file;
        private final Supplier<CoverageLog.Records> own;

        /**
         * A part.
         *
         * @param file its file, {@code <directory>/parts/<build>/<part>.json}
         * @param own  what this JVM recorded for the build so far
         */
        Part(Path file, Supplier<CoverageLog.Records> own) {
            this.file = file;
            this.own = own;
        }

        /** What this JVM recorded for the build so far. */
        public CoverageLog.Records own() {
            return own.get();
        }

        /** What the build recorded so far: this JVM's records and the parts the other JVMs wrote, merged. */
        public CoverageLog.Records build() {
            return locked(() -> {
                List<CoverageLog.Records> parts = new ArrayList<>();
                for (Path other : partFiles(file.getParent())) {
                    if (!other.equals(file)) {
                        parts.add(read(other));
                    }
                }
                parts.add(own());
                return merge(parts);
            });
        }

        /**
         * Writes this JVM's part, removes the parts of earlier builds, and rewrites the report from every part of
         * the build.
         *
         * @return the merged coverage and how many parts it holds
         */
        public Merged publish(Set<String> excluded, Double minimum) {
            return locked(() -> {
                writeAtomically(file, json(own()));
                Path builds = file.getParent().getParent();
                try (Stream<Path> entries = Files.list(builds)) {
                    for (Path stale : entries.filter(Files::isDirectory)
                            .filter(entry -> !entry.equals(file.getParent())).toList()) {
                        deleteTree(stale);
                    }
                }
                Merged merged = readParts(List.of(file.getParent()), excluded);
                if (!merged.coverage().isEmpty()) {
                    writeReport(builds.getParent(), merged.coverage(), minimum);
                }
                return merged;
            });
        }

        private <T> T locked(IoAction<T> action) {
            Path lock = file.getParent().getParent().resolve(".lock");
            synchronized (INSTANCE) {
                try {
                    Files.createDirectories(file.getParent());
                    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                         FileLock ignored = channel.lock()) {
                        return action.run();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not write the rls-testkit coverage part " + file, e);
                }
            }
        }
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    /** A merged report: its coverage and the number of parts it was made of. */
    public record Merged(Coverage coverage, int parts) {
    }

    /**
     * Merges the parts in report directories (each with its {@code parts} folder) or in folders of parts, as the
     * merge step of CI shards does.
     *
     * @throws IllegalArgumentException where a folder holds no part
     */
    public static Merged readAll(List<Path> folders, Set<String> excluded) throws IOException {
        List<Path> partFolders = new ArrayList<>();
        for (Path folder : folders) {
            Path parts = folder.resolve(FOLDER);
            List<Path> found = new ArrayList<>();
            if (Files.isDirectory(parts)) {
                try (Stream<Path> builds = Files.list(parts)) {
                    builds.filter(Files::isDirectory).sorted().forEach(found::add);
                }
            } else if (Files.isDirectory(folder) && !partFiles(folder).isEmpty()) {
                found.add(folder);
            }
            if (found.stream().allMatch(build -> partFiles(build).isEmpty())) {
                throw new IllegalArgumentException("Expecting coverage parts (" + FOLDER + "/<build>/<part>.json) in "
                        + folder + ", but there are none. Give the rls-testkit report directory of each shard"
                        + " (rlstestkit.coverage.directory, by default target/rls-testkit) after its tests ran.");
            }
            partFolders.addAll(found);
        }
        return readParts(partFolders, excluded);
    }

    private static Merged readParts(List<Path> partFolders, Set<String> excluded) throws IOException {
        List<CoverageLog.Records> parts = new ArrayList<>();
        for (Path folder : partFolders) {
            for (Path part : partFiles(folder)) {
                parts.add(read(part));
            }
        }
        return new Merged(Coverage.of(merge(parts), excluded), parts.size());
    }

    private static List<Path> partFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the rls-testkit coverage parts in " + folder, e);
        }
    }

    /**
     * The records of several parts as one, the same whatever order the parts come in: configurations sorted by label,
     * audits by configuration and test class.
     */
    static CoverageLog.Records merge(List<CoverageLog.Records> parts) {
        List<CoverageLog.EnvironmentUse> environments = new ArrayList<>();
        List<Exercise> exercises = new ArrayList<>();
        List<CoverageLog.AuditResult> audits = new ArrayList<>();
        for (CoverageLog.Records part : parts) {
            environments.addAll(part.environments());
            exercises.addAll(part.exercises());
            audits.addAll(part.audits());
        }
        environments.sort(Comparator.comparing(CoverageLog.EnvironmentUse::environment));
        audits.sort(Comparator.comparing(CoverageLog.AuditResult::environment)
                .thenComparing(CoverageLog.AuditResult::source));
        return new CoverageLog.Records(List.copyOf(environments), List.copyOf(exercises), List.copyOf(audits));
    }

    /** A part as JSON. */
    static String json(CoverageLog.Records records) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("environments", records.environments().stream().map(use -> ordered(
                "environment", use.environment(), "rlsTables", use.rlsTables())).toList());
        root.put("exercises", records.exercises().stream().map(exercise -> ordered(
                "environment", exercise.environment(), "table", exercise.table(), "scope", exercise.scope(),
                "command", exercise.command(), "source", exercise.source())).toList());
        root.put("audits", records.audits().stream().map(audit -> ordered(
                "environment", audit.environment(), "source", audit.source(),
                "findings", audit.findings().stream().map(CoverageParts::finding).toList())).toList());
        return Json.write(root) + "\n";
    }

    private static Map<String, Object> ordered(Object... namesAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            entry.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return entry;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", finding.code());
        entry.put("object", finding.object());
        entry.put("message", finding.message());
        entry.put("severity", finding.severity().name());
        entry.put("acceptedBecause", finding.acceptedBecause());
        return entry;
    }

    /** Reads a part, or fails saying which file is not one and what to do. */
    static CoverageLog.Records read(Path part) throws IOException {
        String text = Files.readString(part, StandardCharsets.UTF_8);
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.path("format").asInt() != FORMAT) {
                throw new IllegalStateException("Expecting an rls-testkit coverage part of format " + FORMAT + " in "
                        + part + ", but its format is " + (root == null ? "missing" : root.path("format")) + ". Delete"
                        + " it and run the tests that wrote it again with this version of the kit.");
            }
            List<CoverageLog.EnvironmentUse> environments = new ArrayList<>();
            for (JsonNode use : required(root, "environments")) {
                List<String> tables = new ArrayList<>();
                required(use, "rlsTables").forEach(table -> tables.add(table.asText()));
                environments.add(new CoverageLog.EnvironmentUse(text(use, "environment"), List.copyOf(tables)));
            }
            List<Exercise> exercises = new ArrayList<>();
            for (JsonNode exercise : required(root, "exercises")) {
                exercises.add(new Exercise(text(exercise, "environment"), text(exercise, "table"),
                        text(exercise, "scope"), text(exercise, "command"), text(exercise, "source")));
            }
            List<CoverageLog.AuditResult> audits = new ArrayList<>();
            for (JsonNode audit : required(root, "audits")) {
                List<Finding> findings = new ArrayList<>();
                for (JsonNode finding : required(audit, "findings")) {
                    JsonNode accepted = finding.path("acceptedBecause");
                    findings.add(new Finding(text(finding, "code"), text(finding, "object"),
                            text(finding, "message"), Severity.valueOf(text(finding, "severity")),
                            accepted.isTextual() ? accepted.asText() : null));
                }
                audits.add(new CoverageLog.AuditResult(text(audit, "environment"), text(audit, "source"),
                        List.copyOf(findings)));
            }
            return new CoverageLog.Records(List.copyOf(environments), List.copyOf(exercises), List.copyOf(audits));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Expecting an rls-testkit coverage part (JSON) in " + part + ", but it"
                    + " cannot be read: " + e.getMessage().lines().findFirst().orElse("") + ". Delete it and run the"
                    + " tests that wrote it again.", e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("the list \"" + field + "\" is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the text \"" + field + "\" is missing");
        }
        return value.asText();
    }

    /** Writes {@code coverage.md} and {@code coverage.json}, each by one atomic rename of a complete file. */
    public static void writeReport(Path directory, Coverage coverage, Double minimum) throws IOException {
        Files.createDirectories(directory);
        writeAtomically(directory.resolve("coverage.md"), coverage.markdown(minimum));
        writeAtomically(directory.resolve("coverage.json"), coverage.json(minimum));
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
