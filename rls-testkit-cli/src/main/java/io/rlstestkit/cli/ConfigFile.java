package io.rlstestkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code rls-testkit.yaml} into {@link Settings}, with its paths resolved against the file's folder. Its JSON
 * schema, {@code rls-testkit.schema.json}, ships in the jar and beside the module's sources.
 */
final class ConfigFile {

    /** The file {@code check} and {@code init} look for in the working directory. */
    static final String NAME = "rls-testkit.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private ConfigFile() {
    }

    static Settings read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("Expecting a configuration file at " + file + ", but there is none.\nRun"
                    + " 'rls-testkit init' to write one, or leave --config out and give the settings as flags.");
        }
        Settings settings;
        try {
            settings = YAML.readValue(file.toFile(), Settings.class);
        } catch (UnrecognizedPropertyException e) {
            throw new UserError("Expecting only known fields in " + file + ", but found '" + e.getPropertyName()
                    + "'" + line(e) + ".\nKnown fields: " + String.join(", ", e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().toList()) + ".");
        } catch (JsonProcessingException e) {
            throw new UserError("Expecting " + file + " to be YAML as rls-testkit.schema.json describes, but: "
                    + e.getOriginalMessage() + line(e) + ".");
        } catch (IOException e) {
            throw new UserError("Expecting to read " + file + ", but: " + e.getMessage());
        }
        if (settings == null) {
            return new Settings();
        }
        Path folder = file.toAbsolutePath().getParent();
        settings.migrations = resolve(folder, settings.migrations);
        settings.seed = resolve(folder, settings.seed);
        settings.reportDir = resolve(folder, settings.reportDir);
        return settings;
    }

    static String resolve(Path folder, String path) {
        return path == null ? null : folder.resolve(path).normalize().toString();
    }

    private static String line(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
