package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonSchema schema() throws IOException {
        JsonNode schema =
                new ObjectMapper()
                        .readTree(
                                RepoRoot.experiments()
                                        .resolve("frontier-sweep.schema.json")
                                        .toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    private static Set<String> errors(String yaml) throws IOException {
        return schema().validate(YAML.readTree(yaml)).stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
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
        Set<String> errors =
                errors(
                        "name: x\ndataset: mnist\nmodel: mlp\npipeline:\n  - prune: {ration: 0.5}\n");
        assertFalse(errors.isEmpty());
    }

    @Test
    void bitsOutOfRange_isRejectedBySchema() throws IOException {
        Set<String> errors =
                errors(
                        "name: x\ndataset: mnist\nmodel: mlp\npipeline:\n  - quantize: {bits: [8, 17]}\n");
        assertFalse(errors.isEmpty());
    }

    @Test
    void schemaPassKeys_areExactlyTheReadersKeys() throws IOException {
        JsonNode schema =
                new ObjectMapper()
                        .readTree(
                                RepoRoot.experiments()
                                        .resolve("frontier-sweep.schema.json")
                                        .toFile());
        PassRegistry registry = PassRegistry.standard();
        for (JsonNode item : schema.at("/properties/pipeline/items/oneOf")) {
            String kind = item.get("properties").fieldNames().next();
            if (registry.get(kind).isEmpty()) {
                // a pass another module provides (exec's lowrank): exec's PassCatalogTest checks it
                continue;
            }
            Pass pass = registry.get(kind).orElseThrow().defaults();
            Set<String> expected = new TreeSet<>(pass.params().keySet());
            expected.addAll(pass.settings().keySet());
            Set<String> inSchema = new TreeSet<>();
            for (JsonNode option : item.get("properties").get(kind).get("oneOf")) {
                option.path("properties").fieldNames().forEachRemaining(inSchema::add);
            }
            assertEquals(expected, inSchema, kind);
        }
    }

    static List<Path> benchFiles() throws IOException {
        return RepoRoot.benchFiles();
    }

    @ParameterizedTest
    @MethodSource("benchFiles")
    void benchFileAndItsCanonicalForm_matchJsonSchema(Path file) throws IOException {
        assertEquals(Set.of(), errors(Files.readString(file)), file.toString());
        String canonical = SpecWriter.write(SpecReader.read(file));
        assertEquals(Set.of(), errors(canonical), canonical);
    }

    @Test
    void learningRatesAndRampEnd_areCheckedBySchema() throws IOException {
        String head = "name: x\ndataset: mnist\nmodel: mlp\npipeline:\n";
        assertEquals(
                Set.of(),
                errors(
                        head
                                + "  - prune: {schedule: gradual, finetuneEpochs: 2, finetuneLr: 0.002, rampEnd: 0.5}\n"
                                + "  - quantize: {bits: 4, mode: qat, qatLr: [0.0001, 0.001]}\n"));
        assertFalse(errors(head + "  - prune: {finetuneLr: -0.1}\n").isEmpty());
        assertFalse(errors(head + "  - prune: {rampEnd: 1.5}\n").isEmpty());
        assertFalse(errors(head + "  - prune: {rampEnd: 0}\n").isEmpty());
        assertFalse(errors(head + "  - quantize: {qatLr: -1}\n").isEmpty());
    }

    @Test
    void weightRange_isCheckedBySchema() throws IOException {
        String head = "name: x\ndataset: mnist\nmodel: mlp\npipeline:\n  - quantize: ";
        assertEquals(Set.of(), errors(head + "{bits: 4, weightRange: mse}\n"));
        assertEquals(Set.of(), errors(head + "{bits: 4, weightRange: [minmax, mse]}\n"));
        assertFalse(errors(head + "{bits: 4, weightRange: foo}\n").isEmpty());
    }
}
