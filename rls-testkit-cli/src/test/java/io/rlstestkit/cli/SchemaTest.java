package io.rlstestkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON schema of rls-testkit.yaml names exactly the fields the command reads, each also a flag. */
class SchemaTest {

    @Test
    void schemaAndSettingsAgree() throws Exception {
        JsonNode schema;
        try (InputStream in = SchemaTest.class.getResourceAsStream("/rls-testkit.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        List<String> properties = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        List<String> fields = Stream.of(Settings.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .filter(field -> field.getAnnotation(com.fasterxml.jackson.annotation.JsonIgnore.class) == null)
                .map(Field::getName).toList();
        assertThat(properties).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void everyFieldOfTheFileIsAlsoAFlag() {
        List<String> flags = Stream.of(SettingsOptions.class.getDeclaredFields())
                .filter(field -> field.getAnnotation(picocli.CommandLine.Option.class) != null)
                .map(Field::getName).toList();
        List<String> fields = Stream.of(Settings.class.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .filter(field -> field.getAnnotation(com.fasterxml.jackson.annotation.JsonIgnore.class) == null)
                .map(Field::getName).toList();
        assertThat(flags).containsAll(fields);
    }
}
