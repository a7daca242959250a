package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the reports back: SARIF against its published schema (2.1.0), JUnit XML with a parser. */
final class ReportChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportChecks() {
    }

    static JsonNode validSarif(Path file) throws Exception {
        JsonNode sarif = JSON.readTree(file.toFile());
        assertThat(schemaErrors("/sarif-schema-2.1.0.json", SpecVersion.VersionFlag.V4, sarif))
                .as("SARIF schema violations of %s", file).isEmpty();
        return sarif;
    }

    static Set<ValidationMessage> schemaErrors(String schemaResource, SpecVersion.VersionFlag version,
                                               JsonNode document) throws Exception {
        try (InputStream in = ReportChecks.class.getResourceAsStream(schemaResource)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(in);
            return schema.validate(document);
        }
    }

    static Document junitXml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
