package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frontier.exec.stage.PassSteps;
import dev.frontier.spec.PassRegistry;
import dev.frontier.spec.PassSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Everything derived from the pass declarations stays current: every registered pass has a step,
 * the committed JSON Schema's {@code pipeline} is the generated one, and so is the README's table
 * of passes. Run with {@code -Dfrontier.update=true} to rewrite both files after changing a pass.
 */
class PassCatalogTest {

    private static final boolean UPDATE = Boolean.getBoolean("frontier.update");
    private static final String BEGIN =
            "<!-- passes:begin (generated from the pass declarations) -->";
    private static final String END = "<!-- passes:end -->";

    private static Path root() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
                p != null;
                p = p.getParent()) {
            if (Files.isDirectory(p.resolve("experiments"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + System.getProperty("user.dir"));
    }

    @Test
    void everyRegisteredPass_hasAStep() {
        PassRegistry registry = PassRegistry.standard();
        assertTrue(
                registry.names()
                        .containsAll(java.util.List.of("distill", "prune", "quantize", "finetune")),
                registry.names().toString());
        assertEquals(java.util.List.of(), PassSteps.standard().missing(registry));
    }

    @Test
    void committedSchemaPipeline_isGeneratedFromTheDeclarations() throws IOException {
        Path file = root().resolve("experiments/frontier-sweep.schema.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema = (ObjectNode) json.readTree(file.toFile());
        // through text, so numbers compare as they read back (an int, not a long)
        JsonNode generated =
                json.readTree(
                        json.writeValueAsString(PassSchema.pipeline(PassRegistry.standard())));
        if (UPDATE && !generated.equals(schema.at("/properties/pipeline"))) {
            ((ObjectNode) schema.get("properties")).set("pipeline", generated);
            DefaultPrettyPrinter printer =
                    new DefaultPrettyPrinter()
                            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            Files.writeString(file, json.writer(printer).writeValueAsString(schema) + "\n");
            schema = (ObjectNode) json.readTree(file.toFile());
        }
        assertEquals(
                generated,
                schema.at("/properties/pipeline"),
                file
                        + " is out of date: run ./mvnw -pl framework/exec test -Dtest=PassCatalogTest"
                        + " -Dfrontier.update=true");
    }

    @Test
    void readmePassTable_isGeneratedFromTheDeclarations() throws IOException {
        Path file = root().resolve("README.md");
        String readme = Files.readString(file);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the markers " + BEGIN + " … " + END);
        String table = "\n" + PassSchema.markdown(PassRegistry.standard());
        String current = readme.substring(begin + BEGIN.length(), end);
        if (UPDATE && !current.equals(table)) {
            Files.writeString(
                    file,
                    readme.substring(0, begin + BEGIN.length()) + table + readme.substring(end));
            current = table;
        }
        assertEquals(
                table,
                current,
                "README.md's pass table is out of date: run ./mvnw -pl framework/exec test"
                        + " -Dtest=PassCatalogTest -Dfrontier.update=true");
    }
}
