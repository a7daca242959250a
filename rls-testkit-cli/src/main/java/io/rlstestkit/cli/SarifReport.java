package io.rlstestkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0, for code scanning: a result per finding (accepted ones carry an external suppression with their
 * justification), per failed probe of the deny matrix ({@code DENY_MATRIX}) and for a failed round trip
 * ({@code ROUND_TRIP}); each located at the line of the migrations that creates its object.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    static String write(CheckResult result, MigrationSources sources) {
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "rls-testkit");
        driver.put("semanticVersion", RlsTestkitCli.Version.version().replace("development build", "0.0.0"));
        driver.put("informationUri", "https://github.com/rls-testkit/rls-testkit");
        Map<String, String> rules = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (CheckResult.Finding finding : result.findings()) {
            rules.putIfAbsent(finding.code(), "Policy audit: " + finding.code());
            ObjectNode sarif = result(results, finding.code(), rules, level(finding.severity()),
                    finding.object() + ": " + finding.message(), sources.locate(finding.object()), finding.object());
            if (finding.accepted()) {
                sarif.putArray("suppressions").addObject().put("kind", "external").put("status", "accepted")
                        .put("justification", finding.acceptedBecause());
            }
        }
        for (CheckResult.Probe probe : result.failedProbes()) {
            String rule = probe.kind().name();
            rules.putIfAbsent(rule, probe.kind() == CheckResult.Kind.DENY_MATRIX
                    ? "Deny-path matrix: a tenant reaches another tenant's rows, or a table cannot be covered"
                    : "Migration round trip: undoing a migration does not restore the schema");
            result(results, rule, rules, "error", probe.name() + "\n" + probe.message(),
                    probe.table() == null ? sources.locate(null) : sources.locate(probe.table()), probe.table());
        }
        ArrayNode ruleNodes = driver.putArray("rules");
        rules.forEach((id, description) -> ruleNodes.addObject().put("id", id)
                .putObject("shortDescription").put("text", description));
        try {
            return JSON.writeValueAsString(log) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode result(ArrayNode results, String rule, Map<String, String> rules, String level,
                                     String message, MigrationSources.Location location, String object) {
        ObjectNode sarif = results.addObject();
        sarif.put("ruleId", rule);
        sarif.put("ruleIndex", new java.util.ArrayList<>(rules.keySet()).indexOf(rule));
        sarif.put("level", level);
        sarif.putObject("message").put("text", message);
        ObjectNode at = sarif.putArray("locations").addObject();
        ObjectNode physical = at.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", location.file());
        physical.putObject("region").put("startLine", location.line());
        if (object != null) {
            at.putArray("logicalLocations").addObject().put("fullyQualifiedName", object);
        }
        return sarif;
    }

    private static String level(CheckResult.Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
