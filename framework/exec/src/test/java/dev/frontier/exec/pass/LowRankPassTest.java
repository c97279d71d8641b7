package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.compress.LayerMap;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.PassRegistry;
import dev.frontier.spec.PassType;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lowrank pass: its declaration, the SVD factoring and the factored model it builds. */
class LowRankPassTest {

    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    @Test
    void lowrank_isOnTheRegistry_asATransformWithItsDeclaredParameters() {
        PassType t = PassRegistry.standard().get("lowrank").orElseThrow();
        assertEquals(PassType.Role.TRANSFORM, t.role());
        assertEquals(
                List.of("rank", "energy", "finetuneEpochs", "finetuneLr", "convolutions"),
                t.sweepableKeys());
        assertEquals(java.util.Optional.of("finetuneEpochs"), t.epochsParam());
        GenericPass p = (GenericPass) t.defaults();
        assertEquals(0.5, (Double) p.value("rank"));
        assertEquals(1, p.trainingEpochs());
        assertThrows(SpecException.class, () -> t.create(Map.of("rank", 0.0)));
        assertThrows(SpecException.class, () -> t.create(Map.of("energy", 1.0)));
    }

    @Test
    void truncatedSvd_reconstructionErrorIsTheDroppedEnergy() {
        int out = 12;
        int in = 20;
        float[] w = new float[out * in];
        Random rnd = new Random(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        LowRankPass.Svd svd = new LowRankPass.Svd(w, out, in);
        double[] s = svd.singularValues();
        assertEquals(12, s.length);
        for (int r : new int[] {1, 4, 12}) {
            LowRankPass.Factors f = svd.truncate(r);
            assertEquals(r * in, f.a().length);
            assertEquals(out * r, f.b().length);
            assertEquals((long) r * (in + out), f.weightsAfter());
            double err = 0;
            double total = 0;
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    double ba = 0;
                    for (int k = 0; k < r; k++) {
                        ba += (double) f.b()[o * r + k] * f.a()[k * in + i];
                    }
                    double d = w[o * in + i] - ba;
                    err += d * d;
                    total += (double) w[o * in + i] * w[o * in + i];
                }
            }
            double dropped = 0;
            for (int k = r; k < s.length; k++) {
                dropped += s[k] * s[k];
            }
            assertEquals(dropped, err, 1e-4 * total, "rank " + r);
            assertEquals(1 - dropped / total, f.energyKept(), 1e-5, "rank " + r);
        }
    }

    @Test
    void rankChoice_byFractionOrByEnergy() {
        double[] s = {4, 2, 1, 1}; // squares 16, 4, 1, 1 of 22
        assertEquals(2, LowRankPass.chooseRank(s, 0.5, 0));
        assertEquals(1, LowRankPass.chooseRank(s, 0.1, 0), "at least 1");
        assertEquals(4, LowRankPass.chooseRank(s, 1.0, 0));
        assertEquals(1, LowRankPass.chooseRank(s, 0.5, 0.7), "16/22 = 0.727");
        assertEquals(2, LowRankPass.chooseRank(s, 0.5, 0.9), "20/22 = 0.909");
        assertEquals(4, LowRankPass.chooseRank(s, 0.5, 0.99), "21/22 = 0.955 < 0.99");
    }

    @Test
    void plan_factorsOnlyLayersThatSaveParameters_andSparesTheClassifier() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 4)) {
            // 784-75-25-10: fc1 full rank 75 -> 19, fc2 full rank 25 -> 6
            LowRankPass.Plan quarter = LowRankPass.plan(m, 0.25, 0, false, List.of());
            assertEquals(List.of("fc1", "fc2"), List.copyOf(quarter.factors().keySet()));
            assertEquals(19, quarter.factors().get("fc1").rank());
            assertEquals(6, quarter.factors().get("fc2").rank());
            assertEquals(Map.of("fc3", "excluded"), quarter.skipped());

            LowRankPass.Plan full = LowRankPass.plan(m, 1.0, 0, false, List.of("fc2"));
            assertEquals(Map.of(), full.factors());
            assertEquals(
                    "rank 75 of 75 saves nothing: 75 x (784 + 75) >= 784 x 75",
                    full.skipped().get("fc1"));
            assertEquals("excluded", full.skipped().get("fc2"));
            assertTrue(full.skipped().get("fc3").startsWith("rank 10 of 10"));

            IllegalArgumentException bad =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> LowRankPass.plan(m, 0.5, 0, false, List.of("fc9")));
            assertTrue(
                    bad.getMessage().contains("'fc9'")
                            && bad.getMessage().contains("[fc1, fc2, fc3]"),
                    bad.getMessage());
        }
    }

    @Test
    void apply_buildsTheFactoredModel_withTheFactorsAndEveryOtherParameterCopied() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 4)) {
            LowRankPass.Plan plan = LowRankPass.plan(m, 0.25, 0, false, List.of());
            LayerMap before = LayerMap.of(m.block());
            try (FrontierModel f = LowRankPass.apply(m, plan)) {
                assertEquals(Map.of("fc1", 19, "fc2", 6), f.spec().ranks());
                // fc1: 19 x (784 + 75) + 75, fc2: 6 x (75 + 25) + 25, fc3: 25 x 10 + 10
                assertEquals(19 * 859 + 75 + 600 + 25 + 260, f.parameterCount());
                assertTrue(f.parameterCount() < m.parameterCount() / 3);
                LayerMap after = LayerMap.of(f.block());
                assertEquals(List.of("fc1.a", "fc1.b", "fc2.a", "fc2.b", "fc3"), after.names());
                assertArrayEquals(
                        plan.factors().get("fc1").a(),
                        after.get("fc1.a").weight().getArray().toFloatArray());
                assertArrayEquals(
                        plan.factors().get("fc1").b(),
                        after.get("fc1.b").weight().getArray().toFloatArray());
                assertArrayEquals(
                        before.get("fc1").bias().orElseThrow().getArray().toFloatArray(),
                        after.get("fc1.b").bias().orElseThrow().getArray().toFloatArray());
                assertArrayEquals(
                        before.get("fc3").weight().getArray().toFloatArray(),
                        after.get("fc3").weight().getArray().toFloatArray());
                // factoring again leaves the parts alone
                LowRankPass.Plan again = LowRankPass.plan(f, 0.25, 0, false, List.of());
                assertEquals(Map.of(), again.factors());
                assertEquals("already factored", again.skipped().get("fc1.a"));
            }
        }
    }

    @Test
    void convolutions_factorAsChannelDecompositions_exactlyWhenTheWeightsHaveLowRank() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("cnn", 0.25), Device.cpu(), 8)) {
            // convs 8, 8, 16, 16 and fc1 32: give every layer the plan factors rank-2 weights
            LayerMap layers = LayerMap.of(m.block());
            Random rnd = new Random(8);
            for (String name : List.of("conv2", "conv3", "conv4", "fc1")) {
                var w = layers.get(name).weight().getArray();
                int out = (int) w.getShape().get(0);
                int in = (int) (w.size() / out);
                float[] v = new float[out * in];
                for (int k = 0; k < 2; k++) {
                    double[] u = rnd.doubles(out).map(x -> x - 0.5).toArray();
                    double[] x = rnd.doubles(in).map(y -> y - 0.5).toArray();
                    for (int o = 0; o < out; o++) {
                        for (int i = 0; i < in; i++) {
                            v[o * in + i] += (float) (u[o] * x[i]);
                        }
                    }
                }
                w.set(java.nio.FloatBuffer.wrap(v));
            }
            LowRankPass.Plan plan = LowRankPass.plan(m, 0.5, 0, true, List.of());
            assertEquals(
                    List.of("conv2", "conv3", "conv4", "fc1"),
                    List.copyOf(plan.factors().keySet()));
            assertEquals(Map.of("conv1", "excluded", "fc2", "excluded"), plan.skipped());
            assertEquals(4, plan.factors().get("conv2").rank(), "half of min(8, 8 x 9)");
            assertEquals(1.0, plan.factors().get("conv3").energyKept(), 1e-9, "rank 2 <= 8");
            try (FrontierModel f = LowRankPass.apply(m, plan)) {
                LayerMap after = LayerMap.of(f.block());
                assertEquals(
                        List.of(
                                "conv1", "conv2.a", "conv2.b", "conv3.a", "conv3.b", "conv4.a",
                                "conv4.b", "fc1.a", "fc1.b", "fc2"),
                        after.names());
                assertEquals(
                        new ai.djl.ndarray.types.Shape(4, 8, 3, 3),
                        after.get("conv2.a").weight().getArray().getShape());
                assertEquals(
                        new ai.djl.ndarray.types.Shape(8, 4, 1, 1),
                        after.get("conv2.b").weight().getArray().getShape());
                assertTrue(f.parameterCount() < m.parameterCount());
                float[] x = new float[2 * 28 * 28];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                float[] expected = forward(m, x);
                float[] got = forward(f, x);
                double scale = 0;
                double diff = 0;
                for (int i = 0; i < expected.length; i++) {
                    scale = Math.max(scale, Math.abs(expected[i]));
                    diff = Math.max(diff, Math.abs(expected[i] - got[i]));
                }
                assertTrue(scale > 0 && diff <= 1e-4 * scale, "max diff " + diff + " of " + scale);
            }
        }
    }

    private static float[] forward(FrontierModel m, float[] x) {
        try (var mgr = m.djlModel().getNDManager().newSubManager()) {
            return m.block()
                    .forward(
                            new ai.djl.training.ParameterStore(mgr, false),
                            new ai.djl.ndarray.NDList(
                                    mgr.create(x, new ai.djl.ndarray.types.Shape(2, 1, 28, 28))),
                            false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }

    @Test
    void benchFile_cnnLowrank_plansThreeRanks_onTheBaselineOfCnnStructured() throws Exception {
        Path bench = repoRoot().resolve("experiments/bench");
        Sweep sweep = SpecReader.read(bench.resolve("cnn-lowrank.yaml"));
        assertEquals(sweep, SpecReader.read(SpecWriter.write(sweep), "cnn-lowrank (canonical)"));
        Plan plan = Planner.plan(sweep);
        assertEquals(3, plan.trialCount());
        assertEquals(
                List.of(0.125, 0.25, 0.5),
                plan.trials().stream().map(t -> t.axisValues().get("lowrank.rank")).toList());
        Plan structured = Planner.plan(SpecReader.read(bench.resolve("cnn-structured.yaml")));
        assertEquals(structured.sweep().output(), sweep.output());
        assertEquals(
                structured.roots().get(0).key(),
                plan.roots().get(0).key(),
                "one baseline for both cnn files");
    }

    private static Path repoRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
                p != null;
                p = p.getParent()) {
            if (Files.isDirectory(p.resolve("experiments/bench"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + System.getProperty("user.dir"));
    }
}
