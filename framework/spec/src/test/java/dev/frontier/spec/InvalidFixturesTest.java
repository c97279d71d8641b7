package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per validation rule in src/test/resources/invalid/. Each file ends with its expected
 * problems as {@code # expect: line:column: path: message} comments; the reader must report exactly
 * those, in that order.
 */
class InvalidFixturesTest {

    private static final String EXPECT = "# expect: ";

    static List<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidFixturesTest.class.getResource("/invalid").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void invalidFixture_reportsExactlyItsExpectedProblems(Path fixture) throws IOException {
        List<String> expected =
                Files.readAllLines(fixture).stream()
                        .filter(l -> l.startsWith(EXPECT))
                        .map(l -> l.substring(EXPECT.length()))
                        .toList();
        assertFalse(expected.isEmpty(), fixture + " declares no '# expect:' lines");
        String name = fixture.getFileName().toString();
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> SpecReader.read(Files.readString(fixture), name));
        List<String> actual =
                e.problems().stream()
                        .map(Problem::toString)
                        .map(
                                s -> {
                                    assertTrue(s.startsWith(name + ":"), s);
                                    return s.substring(name.length() + 1);
                                })
                        .toList();
        assertEquals(expected, actual);
    }

    @Test
    void fixtures_coverEveryRule() throws IOException, URISyntaxException {
        List<String> names =
                fixtures().stream()
                        .map(p -> p.getFileName().toString().replace(".yaml", ""))
                        .toList();
        assertTrue(
                names.containsAll(
                        List.of(
                                "unknown-key",
                                "unknown-dataset",
                                "unknown-model",
                                "unknown-pass",
                                "ratio-out-of-range",
                                "bits-out-of-range",
                                "temperature-not-positive",
                                "alpha-out-of-range",
                                "count-below-one",
                                "distill-without-teacher",
                                "quantize-before-finetuning-prune",
                                "distill-not-first",
                                "unknown-weight-range",
                                "model-args-removed",
                                "width-out-of-range",
                                "one-bit-symmetric",
                                "one-bit-symmetric-axis",
                                "every-problem-at-once")),
                names.toString());
    }

    @Test
    void problemMessage_namesFileLineColumnPathFoundAndExpected() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        "name: x\ndataset: mnist\nmodel: mlp\npipeline:\n  - prune:\n      ratio: 1.5\n",
                                        "s.yaml"));
        assertEquals(
                "s.yaml:6:14: pipeline[0].prune.ratio: found 1.5, expected a fraction in [0, 1)",
                e.problems().get(0).toString());
        assertEquals(new Location("s.yaml", 6, 14), e.problems().get(0).location());
    }
}
