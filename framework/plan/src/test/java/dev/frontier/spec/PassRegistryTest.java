package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pass added through a provider is read, checked, built, written and planned like a built-in. */
class PassRegistryTest {

    private static final String HEAD = "name: x\ndataset: synthetic\nmodel: mlp\npipeline:\n";

    private static Sweep read(String pipeline) {
        return SpecReader.read(HEAD + pipeline, "s.yaml");
    }

    @Test
    void registry_holdsTheBuiltinsFirst_thenProvidedPasses() {
        PassRegistry registry = PassRegistry.standard();
        assertEquals(
                List.of("distill", "prune", "quantize", "finetune", "shrink"), registry.names());
        assertEquals(PassType.Role.ENCODE, registry.get("quantize").orElseThrow().role());
    }

    @Test
    void providedPass_isReadFromYaml_withAxesAndDefaults() {
        Sweep sweep = read("  - shrink: {rank: [0.25, 0.5]}\n  - quantize: {bits: 8}\n");
        Pass shrink = sweep.pipeline().get(0);
        assertTrue(shrink instanceof GenericPass);
        assertEquals(List.of(0.25, 0.5), shrink.params().get("rank").values());
        assertEquals(1, ((GenericPass) shrink).<Integer>value("epochs"));
        assertEquals(List.of(), ((GenericPass) shrink).<List<String>>value("skip"));
        assertEquals("shrink.rank", sweep.axes().get(0).name());
        assertEquals(2, Planner.plan(sweep).trials().size());
    }

    @Test
    void providedPass_badValues_areReportedFromItsDeclarations() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () -> read("  - shrink: {rank: 1.5, epochs: -1, rnk: 2}\n"));
        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        assertEquals(
                List.of(
                        "s.yaml:5:20: pipeline[0].shrink.rank: found 1.5, expected a fraction in (0, 1]",
                        "s.yaml:5:33: pipeline[0].shrink.epochs: found -1, expected a count >= 0",
                        "s.yaml:5:37: pipeline[0].shrink.rnk: found unknown key 'rnk' (did you mean"
                                + " 'rank'?), expected one of: rank, epochs, skip"),
                problems);
    }

    @Test
    void unknownPass_suggestsRegisteredNames() {
        SpecException e = assertThrows(SpecException.class, () -> read("  - shrnk: {}\n"));
        String message = e.problems().get(0).toString();
        assertTrue(
                message.contains("found unknown pass 'shrnk' (did you mean 'shrink'?)"), message);
        assertTrue(message.contains("distill, prune, quantize, finetune, shrink"), message);
    }

    @Test
    void providedPass_roundTripsThroughTheCanonicalYaml() {
        Sweep sweep = read("  - shrink: {rank: 0.25, skip: [fc1]}\n");
        String canonical = SpecWriter.write(sweep);
        assertTrue(canonical.contains("shrink"), canonical);
        Sweep again = SpecReader.read(canonical, "canonical.yaml");
        assertEquals(sweep.pipeline(), again.pipeline());
        assertEquals(
                Map.of("rank", 0.25, "epochs", 1, "skip", List.of("fc1")),
                sweep.pipeline().get(0).effectiveParams());
    }

    @Test
    void builder_addsAProvidedPassByName_withTheSameDefaultsAsYaml() {
        Sweep built =
                Sweep.builder()
                        .name("x")
                        .dataset("synthetic")
                        .model("mlp")
                        .pass("shrink", p -> p.set("rank", 0.25, 0.5))
                        .build();
        Sweep read = read("  - shrink: {rank: [0.25, 0.5]}\n");
        assertEquals(read.pipeline(), built.pipeline());
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Sweep.builder().pass("shrnk", p -> p));
        assertTrue(unknown.getMessage().contains("did you mean 'shrink'"), unknown.getMessage());
        IllegalArgumentException badKey =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> new PassBuilder.Of(TestPasses.SHRINK).set("rnk", 1));
        assertTrue(badKey.getMessage().contains("[rank, epochs, skip]"), badKey.getMessage());
        SpecException bad =
                assertThrows(
                        SpecException.class,
                        () ->
                                Sweep.builder()
                                        .name("x")
                                        .dataset("synthetic")
                                        .model("mlp")
                                        .pass("shrink", p -> p.set("rank", 2))
                                        .build());
        assertEquals(
                "pipeline[0].shrink.rank: found 2.0, expected a fraction in (0, 1]",
                bad.problems().get(0).toString());
    }

    @Test
    void providedPass_getsItsOwnStageKind_andTrainsBeforeTheEncodingPass() {
        Plan plan = Planner.plan(read("  - shrink: {rank: 0.25}\n  - quantize: {bits: 8}\n"));
        Stage shrink =
                plan.stages().stream()
                        .filter(s -> s.kind().equals(StageKind.pass("shrink")))
                        .findFirst()
                        .orElseThrow();
        assertEquals("shrink", shrink.kind().passName());
        assertEquals(Map.of("rank", 0.25, "epochs", 1), shrink.params());
        SpecException order =
                assertThrows(
                        SpecException.class,
                        () -> read("  - quantize: {bits: 8}\n  - shrink: {rank: 0.25}\n"));
        assertTrue(
                order.problems()
                        .get(0)
                        .toString()
                        .contains("found quantize before pipeline[1].shrink"),
                order.problems().toString());
        // no epochs: it trains nothing, so it may follow the encoding
        assertFalse(
                read("  - quantize: {bits: 8}\n  - shrink: {rank: 0.25, epochs: 0}\n")
                        .pipeline()
                        .isEmpty());
    }

    @Test
    void twoProvidersOfOneName_areRefused() {
        PassType other = PassType.of("prune", PassType.Role.TRANSFORM, "x", List.of());
        IllegalStateException twice =
                assertThrows(
                        IllegalStateException.class,
                        () -> PassRegistry.of(List.of(Prune.TYPE, other)));
        assertTrue(twice.getMessage().contains("'prune' is supplied twice"), twice.getMessage());
        IllegalArgumentException badName =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> PassType.of("Bad Name", PassType.Role.TRANSFORM, "x", List.of()));
        assertTrue(badName.getMessage().contains("Bad Name"));
    }
}
