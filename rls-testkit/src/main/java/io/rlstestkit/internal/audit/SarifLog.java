package io.rlstestkit.internal.audit;

import io.rlstestkit.Finding;
import io.rlstestkit.internal.KitException;
import org.apiguardian.api.API;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * The SARIF file of a JVM's audits ({@code target/rls-testkit/audit.sarif}): every audit adds its findings, each once
 * (accepted where any test accepted it), and the file is written again with all of them, so that it is whole whichever
 * audit runs last.
 */
@API(status = INTERNAL)
public final class SarifLog {

    /** The file's name, beside the coverage report. */
    public static final String FILE = "audit.sarif";

    private static final SarifLog INSTANCE = new SarifLog();

    private final Map<String, Finding> findings = new LinkedHashMap<>();
    private final Map<String, Optional<Origins.Origin>> origins = new LinkedHashMap<>();
    private final Set<String> notes = new LinkedHashSet<>();

    private SarifLog() {
    }

    /** The JVM's log. */
    public static SarifLog instance() {
        return INSTANCE;
    }

    /**
     * Adds an audit's findings and writes the file.
     *
     * @param directory where the file goes
     * @param report    the audit's findings and the tables it left out
     * @param located   where the objects were made
     * @throws KitException where the file cannot be written
     */
    public synchronized void add(Path directory, Auditor.Report report, Origins located) {
        for (Finding finding : report.findings()) {
            String key = finding.code() + "\u0000" + finding.object() + "\u0000" + finding.message();
            Finding known = findings.get(key);
            if (known == null) {
                findings.put(key, finding);
                origins.put(key, located.of(finding));
            } else if (!known.accepted() && finding.accepted()) {
                findings.put(key, finding);
            }
        }
        report.sharedTables().forEach(table -> notes.add("Left out of the isolation checks, shared by all tenants: "
                + table + "."));
        Map<Finding, Optional<Origins.Origin>> byFinding = new IdentityHashMap<>();
        findings.forEach((key, finding) -> byFinding.put(finding, origins.get(key)));
        String text = SarifWriter.write(List.copyOf(findings.values()), byFinding::get, List.copyOf(notes));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(FILE), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("Could not write the audit's SARIF log to " + directory.resolve(FILE).toAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }
}
