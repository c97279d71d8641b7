package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(RepoRoot.experiments())) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(yaml.isEmpty(), "no examples in experiments/");
            return yaml;
        }
    }

    @Test
    void readmeSweepSnippet_isValidAndRoundTrips() throws IOException {
        String readme = Files.readString(RepoRoot.experiments().resolve("README.md"));
        int start = readme.indexOf("```yaml\nname:");
        assertTrue(start >= 0, "README has a full sweep snippet");
        String yaml =
                readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 7));
        Sweep sweep = SpecReader.read(yaml, "README.md");
        assertEquals(4, sweep.pipeline().size());
        assertEquals(sweep, SpecReader.read(SpecWriter.write(sweep), "README.md (canonical)"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void example_readsAndRoundTripsThroughCanonicalYaml(Path file) throws IOException {
        Sweep sweep = SpecReader.read(file);
        String canonical = SpecWriter.write(sweep);
        Sweep again = SpecReader.read(canonical, file.getFileName() + " (canonical)");
        assertEquals(sweep, again, canonical);
        assertEquals(canonical, SpecWriter.write(again), "canonical form is a fixed point");
    }
}
