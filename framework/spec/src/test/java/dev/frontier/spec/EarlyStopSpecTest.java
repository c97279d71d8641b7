package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code search.earlyStop}: read, defaulted, built and written back as one model. */
class EarlyStopSpecTest {

    private static final String SWEEP =
            """
            name: tiny
            dataset: synthetic
            model: mlp
            pipeline:
              - prune: {ratio: [0.5, 0.8], finetuneEpochs: 2}
            """;

    private static Sweep built(EarlyStop rule) {
        return Sweep.builder()
                .name("tiny")
                .dataset("synthetic")
                .model("mlp")
                .prune(p -> p.ratio(0.5, 0.8).finetuneEpochs(2))
                .search(Search.Strategy.RANDOM, 2, 3, rule)
                .build();
    }

    @Test
    void emptyEarlyStop_takesTheDefaults_sameAsTheBuilders() {
        Sweep read =
                SpecReader.read(
                        SWEEP + "search: {strategy: random, budget: 2, seed: 3, earlyStop: {}}\n",
                        "s.yaml");
        assertEquals(Optional.of(EarlyStop.DEFAULT), read.search().orElseThrow().earlyStop());
        assertEquals(built(EarlyStop.DEFAULT), read);
    }

    @Test
    void explicitValues_roundTripThroughTheCanonicalYaml() {
        Sweep read =
                SpecReader.read(
                        SWEEP
                                + "search:\n  strategy: random\n  budget: 2\n  seed: 3\n"
                                + "  earlyStop: {afterEpochs: 2, margin: 0.05}\n",
                        "s.yaml");
        assertEquals(built(new EarlyStop(2, 0.05)), read);
        String canonical = SpecWriter.write(read);
        assertEquals(read, SpecReader.read(canonical, "c.yaml"), canonical);
    }

    @Test
    void searchWithoutEarlyStop_hasNone() {
        Sweep read = SpecReader.read(SWEEP + "search: {strategy: nsga2, budget: 2}\n", "s.yaml");
        assertEquals(Optional.empty(), read.search().orElseThrow().earlyStop());
    }

    @Test
    void badValues_areEveryProblemAtItsPlace() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        SWEEP
                                                + "search:\n  strategy: random\n  budget: 2\n"
                                                + "  earlyStop: {afterEpochs: 0, margin: 1.5, after: 2}\n",
                                        "s.yaml"));
        assertEquals(3, e.problems().size(), e.getMessage());
        String m = e.getMessage();
        for (String expected :
                new String[] {
                    "search.earlyStop.afterEpochs: found 0, expected a count of epochs >= 1",
                    "search.earlyStop.margin: found 1.5, expected a fraction of accuracy in [0, 1)",
                    "search.earlyStop.after: found unknown key 'after'"
                }) {
            assertEquals(true, m.contains(expected), expected + " in:\n" + m);
        }
    }

    @Test
    void builderRejectsABadRule_withTheSameMessage() {
        SpecException e = assertThrows(SpecException.class, () -> new EarlyStop(1, -0.1));
        assertEquals(
                "margin: found -0.1, expected a fraction of accuracy in [0, 1)",
                e.problems().get(0).toString());
    }
}
