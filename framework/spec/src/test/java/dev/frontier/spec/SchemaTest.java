package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonSchema schema() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(RepoRoot.experiments().resolve("frontier-sweep.schema.json").toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    private static Set<String> errors(String yaml) throws IOException {
        return schema().validate(YAML.readTree(yaml)).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @MethodSource("dev.frontier.spec.ExamplesTest#examples")
    void example_matchesJsonSchema(Path file) throws IOException {
        assertEquals(Set.of(), errors(Files.readString(file)), file.toString());
    }

    @ParameterizedTest
    @MethodSource("dev.frontier.spec.ExamplesTest#examples")
    void canonicalFormOfExample_matchesJsonSchema(Path file) throws IOException {
        String canonical = SpecWriter.write(SpecReader.read(file));
        assertEquals(Set.of(), errors(canonical), canonical);
    }

    @Test
    void unknownKey_isRejectedBySchema() throws IOException {
        Set<String> errors = errors("name: x\ndataset: mnist\nmodel: mlp\npipeline:\n  - prune: {ration: 0.5}\n");
        assertFalse(errors.isEmpty());
    }

    @Test
    void bitsOutOfRange_isRejectedBySchema() throws IOException {
        Set<String> errors = errors("name: x\ndataset: mnist\nmodel: mlp\npipeline:\n  - quantize: {bits: [8, 17]}\n");
        assertFalse(errors.isEmpty());
    }
}
