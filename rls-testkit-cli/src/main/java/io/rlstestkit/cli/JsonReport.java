package io.rlstestkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** The whole result as JSON, for scripts: the verdict, the exit code, the findings and every probe. */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static String write(CheckResult result) {
        ObjectNode report = JSON.createObjectNode();
        report.put("source", result.source());
        report.put("proved", result.proved());
        report.put("exitCode", result.exitCode());
        report.put("failOn", result.failOn().name().toLowerCase(Locale.ROOT));
        report.put("roundTripRan", result.roundTripRan());
        if (result.nothingToUndo() != null) {
            report.put("nothingToUndo", result.nothingToUndo());
        }
        report.set("tables", JSON.valueToTree(result.tables()));
        report.set("findings", JSON.valueToTree(result.findings().stream().map(finding -> {
            ObjectNode node = JSON.valueToTree(finding);
            node.put("counted", result.counts(finding));
            return node;
        }).toList()));
        report.set("probes", JSON.valueToTree(result.probes()));
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
