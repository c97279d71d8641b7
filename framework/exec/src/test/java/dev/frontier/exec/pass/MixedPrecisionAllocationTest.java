package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.pass.MixedPrecisionPass.Allocation;
import dev.frontier.exec.pass.MixedPrecisionPass.Option;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.SpecReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exact allocation of {@link MixedPrecisionPass} on a hand-made table. */
class MixedPrecisionAllocationTest {

    /**
     * Three layers over 1000 fixed bytes. Layer a is sensitive at 2 bits, c at 2 and 4; b hardly
     * matters. Bytes are what each width adds over 2 bits.
     */
    static Map<String, List<Option>> table() {
        Map<String, List<Option>> t = new LinkedHashMap<>();
        t.put(
                "a",
                List.of(new Option(2, 0, 0.30), new Option(4, 100, 0.05), new Option(8, 300, 0)));
        t.put("b", List.of(new Option(2, 0, 0.02), new Option(4, 50, 0.01), new Option(8, 150, 0)));
        t.put(
                "c",
                List.of(new Option(2, 0, 0.10), new Option(4, 200, 0.02), new Option(8, 600, 0)));
        return t;
    }

    @Test
    void picksTheOptimumAGreedyUpgradeMisses() {
        // 300 B for the layers: a4 + c4 (drop 0.05 + 0.02 + 0.02 = 0.09) beats a8 (0.12) and
        // a4 + b4 (0.16); the enumeration of all 27 choices agrees
        Allocation a = MixedPrecisionPass.allocate(table(), 300, 1300, 1000);
        assertEquals(Map.of("a", 4, "b", 2, "c", 4), a.bits());
        assertEquals(1300, a.bytes());
        assertEquals(0.09, a.drop(), 1e-12);
        assertEquals(1000, a.smallest());
        assertEquals(0.09, bruteForce(table(), 300), 1e-12);
        // 450 B: a4 + b8 + c4 (450 B, drop 0.07) beats a4 + b4 + c4 (350 B, 0.08) and
        // a8 + b8 + c2 (450 B, 0.10)
        Allocation b = MixedPrecisionPass.allocate(table(), 450, 1450, 1000);
        assertEquals(Map.of("a", 4, "b", 8, "c", 4), b.bits());
        assertEquals(0.07, b.drop(), 1e-12);
        assertEquals(0.07, bruteForce(table(), 450), 1e-12);
    }

    @Test
    void aLargeBudgetTakesEveryLayerToItsWidestCode() {
        Allocation a = MixedPrecisionPass.allocate(table(), 5000, 6000, 1000);
        assertEquals(Map.of("a", 8, "b", 8, "c", 8), a.bits());
        assertEquals(2050, a.bytes());
        assertEquals(0, a.drop(), 1e-12);
    }

    @Test
    void equalDropsGoToTheWiderCode() {
        Map<String, List<Option>> t = new LinkedHashMap<>();
        t.put("x", List.of(new Option(4, 0, 0.01), new Option(8, 80, 0.01)));
        assertEquals(Map.of("x", 8), MixedPrecisionPass.allocate(t, 100, 200, 100).bits());
        assertEquals(Map.of("x", 4), MixedPrecisionPass.allocate(t, 79, 179, 100).bits());
    }

    @Test
    void anInfeasibleBudgetNamesTheSmallestFile() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MixedPrecisionPass.allocate(table(), -1, 999, 1000));
        assertEquals(
                "mixed-precision.budgetBytes is 999 B, but the smallest model file these"
                        + " candidates reach is 1000 B (every layer at its smallest width); raise"
                        + " budgetBytes to at least that",
                e.getMessage());
    }

    @Test
    void badParametersAreRefusedWithTheirPath() {
        SpecException missing =
                assertThrows(SpecException.class, () -> MixedPrecisionPass.TYPE.create(Map.of()));
        assertTrue(missing.getMessage().contains("budgetBytes"), missing.getMessage());
        SpecException bits =
                assertThrows(
                        SpecException.class,
                        () ->
                                MixedPrecisionPass.TYPE.create(
                                        Map.of(
                                                "budgetBytes",
                                                100,
                                                "candidates",
                                                List.of("2", "9"))));
        assertTrue(
                bits.getMessage().contains("candidates") && bits.getMessage().contains("'9'"),
                bits.getMessage());
        assertEquals(
                List.of("2", "4", "8"),
                MixedPrecisionPass.TYPE.param("candidates").orElseThrow().defaultValue());
    }

    @Test
    void yamlReadsCandidatesAsNumbersAndTheBudgetAsAnAxis() {
        String yaml =
                """
                name: mixbits
                dataset: {name: synthetic, limit: 600}
                model: {name: mlp, width: 0.25}
                pipeline:
                  - mixed-precision: {budgetBytes: [20000, 30000], candidates: [2, 8]}
                runtime: djl-pytorch
                """;
        GenericPass p = (GenericPass) SpecReader.read(yaml, "s.yaml").pipeline().get(0);
        assertEquals(List.of("2", "8"), p.settings().get("candidates"));
        assertEquals(List.of(20000, 30000), p.params().get("budgetBytes").values());
        SpecException bad =
                assertThrows(
                        SpecException.class,
                        () -> SpecReader.read(yaml.replace("[2, 8]", "[2, 9]"), "s.yaml"));
        assertTrue(
                bad.getMessage().contains("candidates") && bad.getMessage().contains("'9'"),
                bad.getMessage());
    }

    /** The smallest summed drop over every choice within {@code capacity}. */
    static double bruteForce(Map<String, List<Option>> t, long capacity) {
        List<List<Option>> layers = List.copyOf(t.values());
        return best(layers, 0, capacity, 0);
    }

    private static double best(List<List<Option>> layers, int i, long left, double drop) {
        if (i == layers.size()) {
            return drop;
        }
        double b = Double.POSITIVE_INFINITY;
        for (Option o : layers.get(i)) {
            if (o.bytes() <= left) {
                b = Math.min(b, best(layers, i + 1, left - o.bytes(), drop + o.drop()));
            }
        }
        return b;
    }
}
