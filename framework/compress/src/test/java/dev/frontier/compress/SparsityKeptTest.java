package dev.frontier.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.compress.quant.QuantizePass;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.ZeroGuard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sparsity belongs to the model: every pass that trains a pruned model keeps its pruned weights
 * exactly zero, at the same positions, with no hook from its caller (the training loop's {@link
 * ZeroGuard}).
 */
class SparsityKeptTest {
    static DataSplits data;

    @BeforeAll
    static void setUp() {
        EngineSetup.start(2);
        data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(DataRequest.of(Datasets.SYNTHETIC).withLimit(600).withTestLimit(200));
    }

    /**
     * An mlp pruned to 90% in every layer but the classifier, trained one epoch first so weights
     * are real.
     */
    static FrontierModel pruned(long seed) {
        FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), seed);
        new TrainingLoop(TrainConfig.adam(1), TrainingHooks.standard(), TrainingProgress.silent())
                .train(m, data.train(), data.validation(), data.mean(), data.std());
        LayerMap l = LayerMap.of(m.block());
        try (Masks masks =
                new MagnitudePruner(MagnitudePruner.Scope.LAYER, l.defaultExcluded())
                        .masks(l, 0.9, m.djlModel().getNDManager())) {
            masks.apply(l);
        }
        return m;
    }

    static Map<String, boolean[]> zeroPositions(FrontierModel m) {
        Map<String, boolean[]> z = new LinkedHashMap<>();
        for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
            float[] w = l.weight().getArray().toFloatArray();
            boolean[] b = new boolean[w.length];
            for (int i = 0; i < w.length; i++) {
                b[i] = w[i] == 0f;
            }
            z.put(l.name(), b);
        }
        return z;
    }

    static void assertSameZeros(Map<String, boolean[]> before, FrontierModel after) {
        Map<String, boolean[]> now = zeroPositions(after);
        for (String layer : List.of("fc1", "fc2")) {
            boolean[] b = before.get(layer);
            boolean[] a = now.get(layer);
            int zeros = 0;
            for (boolean x : b) {
                zeros += x ? 1 : 0;
            }
            assertEquals(Math.round(0.9 * b.length), zeros, layer + " was pruned to 90%");
            for (int i = 0; i < b.length; i++) {
                if (b[i]) {
                    assertTrue(a[i], layer + "[" + i + "] was pruned and regrew");
                }
            }
        }
    }

    @Test
    void fineTuning_keepsPrunedWeightsZero_withoutAHook() {
        try (FrontierModel m = pruned(1)) {
            Map<String, boolean[]> before = zeroPositions(m);
            float[] fc1 = LayerMap.of(m.block()).get("fc1").weight().getArray().toFloatArray();
            new TrainingLoop(
                            TrainConfig.adam(2),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.validation(), data.mean(), data.std());
            assertSameZeros(before, m);
            float[] trained = LayerMap.of(m.block()).get("fc1").weight().getArray().toFloatArray();
            boolean moved = false;
            for (int i = 0; i < fc1.length && !moved; i++) {
                moved = fc1[i] != 0 && trained[i] != fc1[i];
            }
            assertTrue(moved, "the surviving weights trained");
        }
    }

    @Test
    void quantizationAwareTraining_keepsPrunedWeightsZero() {
        for (boolean symmetric : new boolean[] {true, false}) {
            try (FrontierModel m = pruned(2)) {
                Map<String, boolean[]> before = zeroPositions(m);
                QuantSettings fourBit =
                        new QuantSettings(
                                4,
                                symmetric,
                                true,
                                Map.of(),
                                false,
                                dev.frontier.codec.quant.CalibrationMethod.MIN_MAX,
                                128,
                                dev.frontier.codec.quant.RangeFit.MSE);
                QuantizePass.qat(fourBit, TrainConfig.adam(2).withLr(0.01))
                        .apply(m, data, TrainingProgress.silent());
                assertSameZeros(before, m);
            }
        }
    }

    @Test
    void distillation_keepsAPrunedStudentsWeightsZero() {
        try (FrontierModel teacher = FrontierModel.create(ModelSpec.of("mlp", 1), Device.cpu(), 3);
                FrontierModel student = pruned(4)) {
            new TrainingLoop(
                            TrainConfig.adam(1),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(teacher, data.train(), data.validation(), data.mean(), data.std());
            Map<String, boolean[]> before = zeroPositions(student);
            new TrainingLoop(
                            TrainConfig.adam(1),
                            new Distillation(4, 0.7).hooks(teacher, student.spec()),
                            TrainingProgress.silent())
                    .train(student, data.train(), data.validation(), data.mean(), data.std());
            assertSameZeros(before, student);
        }
    }

    @Test
    void zeroGuard_ofADenseModelGuardsNothing_andOfAPrunedOneCountsItsZeros() {
        try (FrontierModel dense = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 5);
                ZeroGuard g =
                        ZeroGuard.of(dense, dense.djlModel().getNDManager().newSubManager())) {
            assertEquals(0, g.tensors());
            assertEquals(0, g.zeros());
        }
        try (FrontierModel m = pruned(6);
                ZeroGuard g = ZeroGuard.of(m, m.djlModel().getNDManager().newSubManager())) {
            Sparsity s = Sparsity.of(LayerMap.of(m.block()));
            assertEquals(2, g.tensors(), "fc1 and fc2; the classifier stays dense");
            assertEquals(s.zeros(), g.zeros());
        }
    }
}
