package io.rlstestkit.cli;

import io.rlstestkit.Finding;
import io.rlstestkit.Severity;
import io.rlstestkit.internal.audit.Origins;
import io.rlstestkit.internal.audit.SarifWriter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0, for code scanning, written by the kit's own writer (the one of its {@code audit.sarif}): a result per
 * finding (accepted ones carry an external suppression with their justification), per failed probe of the deny
 * matrix ({@code DENY_MATRIX}) and for a failed round trip ({@code ROUND_TRIP}); each located at the line of the
 * migrations that creates its object. A round trip that had nothing to undo is a note of the run.
 */
final class SarifReport {

    private SarifReport() {
    }

    static String write(CheckResult result, MigrationSources sources) {
        List<Finding> findings = new ArrayList<>();
        Map<Finding, Optional<Origins.Origin>> origins = new IdentityHashMap<>();
        for (CheckResult.Finding finding : result.findings()) {
            Finding kit = new Finding(finding.code(), finding.object(), finding.message(),
                    Severity.valueOf(finding.severity().name()), finding.acceptedBecause());
            findings.add(kit);
            origins.put(kit, origin(sources.locate(finding.object())));
        }
        List<SarifWriter.Failure> failures = result.failedProbes().stream().map(probe -> new SarifWriter.Failure(
                probe.kind() == CheckResult.Kind.DENY_MATRIX ? SarifWriter.DENY_MATRIX : SarifWriter.ROUND_TRIP,
                probe.name(), probe.message(), probe.table(), origin(sources.locate(probe.table())))).toList();
        List<String> notes = result.nothingToUndo() == null ? List.of() : List.of(result.nothingToUndo());
        return SarifWriter.write(findings, origins::get, notes, failures);
    }

    private static Optional<Origins.Origin> origin(MigrationSources.Location location) {
        return Optional.of(new Origins.Origin(location.file(), location.line()));
    }
}
