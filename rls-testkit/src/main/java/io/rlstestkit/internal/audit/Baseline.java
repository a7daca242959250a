package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * A file of the findings a team already knows about, one {@code SEVERITY CODE object} a line, so that the audit fails
 * only on new ones. A finding is known when the file has a line with its code and object (as many findings of a code
 * on an object as the file has lines for them); the severity is written for the reader. Lines starting with
 * {@code #} are comments.
 */
@API(status = INTERNAL)
public final class Baseline {

    /** The property that makes {@code assertNoNewFindings} write the file instead of reading it. */
    public static final String WRITE_KEY = "rlstestkit.audit.write-baseline";

    private final Path file;

    public Baseline(Path file) {
        this.file = file;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** Whether the file exists. */
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /**
     * Writes the findings as the known ones.
     *
     * @throws KitException where the file cannot be written
     */
    public void write(List<Finding> findings) {
        StringBuilder text = new StringBuilder("# rls-testkit audit baseline: the findings known when it was written.\n"
                + "# RlsAudit.assertNoNewFindings fails only on findings not listed here. Rewrite it with -D" + WRITE_KEY
                + "=true.\n");
        findings.stream().map(finding -> finding.severity() + " " + finding.code() + " " + finding.object()).sorted()
                .forEach(line -> text.append(line).append('\n'));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("Could not write the audit baseline " + file.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * The findings that the file does not list.
     *
     * @param findings the findings to sort out
     * @param gone     told each line of the file that no finding matches (fixed since), as written
     * @throws KitException where a line is not {@code SEVERITY CODE object}, or the file cannot be read
     */
    public List<Finding> newFindings(List<Finding> findings, List<String> gone) {
        Map<String, Integer> known = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("Could not read the audit baseline " + file.toAbsolutePath() + ": " + e.getMessage(),
                    e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                throw new KitException("Expecting each line of the audit baseline " + file + " to be \"SEVERITY CODE"
                        + " object\", but line " + (i + 1) + " is \"" + line + "\". Fix it, or rewrite the file with -D"
                        + WRITE_KEY + "=true.");
            }
            known.merge(parts[1] + " " + parts[2], 1, Integer::sum);
        }
        List<Finding> fresh = new ArrayList<>();
        for (Finding finding : findings) {
            String key = finding.code() + " " + finding.object();
            if (known.getOrDefault(key, 0) > 0) {
                known.merge(key, -1, Integer::sum);
            } else {
                fresh.add(finding);
            }
        }
        known.forEach((key, count) -> {
            for (int i = 0; i < count; i++) {
                gone.add(key);
            }
        });
        return fresh;
    }
}
