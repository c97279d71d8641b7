package dev.frontier.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.compress.quant.QuantizePass;
import dev.frontier.engine.EngineSetup;
import dev.frontier.limits.Interval;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.ModelZoo;
import dev.frontier.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the sweep validator accepts (core {@link Limits}, which it checks against; its own test
 * holds it and the JSON Schema to them) runs in the engine: every accepted bit width quantizes a
 * model, every accepted width builds every zoo model, the nearest accepted values at each end of
 * the other limits pass the engine's checks, and the first rejected value on each side is rejected
 * by the engine too.
 */
class EngineLimitsTest {
    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    /** The members nearest each finite end, and one in between. */
    static List<Double> inside(Interval limit) {
        List<Double> out = new ArrayList<>();
        if (limit.hasMin()) {
            out.add(limit.minClosed() ? limit.min() : Math.nextUp(limit.min()));
        }
        if (limit.hasMax()) {
            out.add(limit.maxClosed() ? limit.max() : Math.nextDown(limit.max()));
        }
        out.add(
                limit.hasMin() && limit.hasMax()
                        ? (limit.min() + limit.max()) / 2
                        : limit.min() + 1);
        return out;
    }

    /** The first non-members beyond each finite end. */
    static List<Double> firstOutside(Interval limit) {
        List<Double> out = new ArrayList<>();
        if (limit.hasMin()) {
            out.add(limit.minClosed() ? Math.nextDown(limit.min()) : limit.min());
        }
        if (limit.hasMax()) {
            out.add(limit.maxClosed() ? Math.nextUp(limit.max()) : limit.max());
        }
        return out;
    }

    @Test
    void everyAcceptedBitWidth_quantizesAModel_andEveryOtherIsRefusedBySettings() {
        List<String> quantized = new ArrayList<>();
        try (FrontierModel m =
                FrontierModel.create(ModelSpec.of("lenet5", 0.25), Device.cpu(), 1)) {
            for (int bits = -2; bits <= 40; bits++) {
                for (boolean symmetric : new boolean[] {true, false}) {
                    for (boolean perChannel : new boolean[] {true, false}) {
                        int b = bits;
                        if (!Limits.isBits(bits, symmetric)) {
                            assertThrows(
                                    IllegalArgumentException.class,
                                    () ->
                                            new QuantSettings(
                                                    b,
                                                    symmetric,
                                                    perChannel,
                                                    Map.of(),
                                                    false,
                                                    CalibrationMethod.MIN_MAX,
                                                    1),
                                    bits + " bits, symmetric " + symmetric);
                            assertThrows(
                                    IllegalArgumentException.class,
                                    () ->
                                            QuantSettings.weights(8)
                                                    .withScheme(symmetric, perChannel)
                                                    .withOverrides(Map.of("fc1", b)));
                            continue;
                        }
                        Map<String, TensorEncoding> all =
                                WeightQuantizer.apply(
                                        m,
                                        new QuantSettings(
                                                bits,
                                                symmetric,
                                                perChannel,
                                                Map.of(),
                                                false,
                                                CalibrationMethod.MIN_MAX,
                                                1));
                        assertEquals(
                                List.of(bits),
                                all.values().stream()
                                        .map(e -> e.precision().bits())
                                        .distinct()
                                        .toList());
                        Map<String, TensorEncoding> one =
                                WeightQuantizer.apply(
                                        m,
                                        QuantSettings.weights(8)
                                                .withScheme(symmetric, perChannel)
                                                .withOverrides(Map.of("fc1", bits)));
                        assertEquals(bits, one.get("fc1").precision().bits());
                        assertEquals(8, one.get("conv1").precision().bits());
                        float[] fc1 =
                                LayerMap.of(m.block())
                                        .get("fc1")
                                        .weight()
                                        .getArray()
                                        .toFloatArray();
                        assertTrue(allFinite(fc1), bits + " bits left non-finite weights");
                        quantized.add(bits + (symmetric ? "s" : "a") + (perChannel ? "c" : "t"));
                    }
                }
            }
        }
        // 1..8 asymmetric, 2..8 symmetric, 16 and 32 either way; per tensor and per channel each
        assertEquals((8 + 7 + 2 + 2) * 2, quantized.size(), quantized.toString());
    }

    @Test
    void everyAcceptedWidth_buildsEveryZooModel_andTheFirstRejectedOnEachSideIsRefused() {
        List<Double> widths = new ArrayList<>(inside(Limits.WIDTH));
        widths.add(1.0);
        assertEquals(List.of(Double.MIN_VALUE, 16.0, 8.0, 1.0), widths);
        for (String name : ModelZoo.names()) {
            for (double width : widths) {
                ModelSpec spec = ModelSpec.of(name, width);
                Shape[] out =
                        ModelZoo.build(spec)
                                .getOutputShapes(new Shape[] {ModelZoo.inputShape(spec)});
                assertEquals(new Shape(1, 10), out[0], name + " at width " + width);
            }
            // the narrowest model (one unit per hidden layer) really runs
            try (FrontierModel m =
                    FrontierModel.create(ModelSpec.of(name, Double.MIN_VALUE), Device.cpu(), 1)) {
                NDArray x = m.djlModel().getNDManager().randomNormal(new Shape(2, 1, 28, 28));
                NDArray y =
                        m.block()
                                .forward(
                                        new ParameterStore(m.djlModel().getNDManager(), false),
                                        new NDList(x),
                                        false)
                                .singletonOrThrow();
                assertEquals(new Shape(2, 10), y.getShape());
            }
            for (double width : firstOutside(Limits.WIDTH)) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class, () -> ModelSpec.of(name, width));
                assertEquals("width multiplier must be in (0, 16], got " + width, e.getMessage());
            }
        }
        // the built-ins first, then models registered elsewhere (the test class path adds
        // test-user-net)
        assertEquals(
                List.of("mlp", "lenet5", "cnn", "resnet8", "resnet20", "mobilenet"),
                ModelZoo.names().subList(0, 6));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("resnet18", 1));
    }

    @Test
    void distillationAcceptsTheLimits_andRefusesTheFirstValueBeyond() {
        for (double t : inside(Limits.TEMPERATURE)) {
            for (double a : inside(Limits.ALPHA)) {
                new Distillation(t, a);
            }
        }
        for (double t : firstOutside(Limits.TEMPERATURE)) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new Distillation(t, 0.5));
            assertEquals("distillation temperature must be > 0, got " + t, e.getMessage());
        }
        for (double a : firstOutside(Limits.ALPHA)) {
            assertThrows(IllegalArgumentException.class, () -> new Distillation(4, a));
        }
    }

    @Test
    void pruningAcceptsTheLimits_andRefusesTheFirstValueBeyond() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1);
                NDManager manager = m.djlModel().getNDManager().newSubManager()) {
            LayerMap layers = LayerMap.of(m.block());
            MagnitudePruner magnitude = new MagnitudePruner(MagnitudePruner.Scope.LAYER, List.of());
            StructuredPruner structured = new StructuredPruner(StructuredPruner.Norm.L1, List.of());
            // the nearest accepted ratio below 1 would remove every weight of a layer, a check of
            // its own: 0.9 stands in
            for (double r : List.of(Limits.PRUNE_RATIO.min(), 0.5, 0.9)) {
                assertTrue(Limits.PRUNE_RATIO.contains(r));
                assertEquals(
                        java.util.Set.copyOf(layers.names()),
                        magnitude.masks(layers, r, manager).layerNames());
                assertTrue(!structured.plan(m, r).keep().isEmpty(), "ratio " + r);
            }
            for (double r : firstOutside(Limits.PRUNE_RATIO)) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> magnitude.masks(layers, r, manager));
                assertEquals("pruning ratio must be in [0, 1), got " + r, e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> structured.plan(m, r));
            }
        }
    }

    @Test
    void trainingAcceptsEveryValueTheValidatorDoes() {
        TrainConfig base = TrainConfig.adam(1);
        List<TrainConfig> built = new ArrayList<>();
        for (double lr : inside(Limits.LEARNING_RATE)) {
            built.add(base.withLr(lr));
        }
        for (double momentum : inside(Limits.MOMENTUM)) {
            for (double decay : inside(Limits.WEIGHT_DECAY)) {
                built.add(
                        new TrainConfig(
                                TrainConfig.Optimizer.SGD,
                                0.01,
                                momentum,
                                decay,
                                TrainConfig.Schedule.NONE,
                                1,
                                0.1,
                                (int) Limits.EPOCHS.min(),
                                (int) Limits.BATCH_SIZE.min(),
                                1,
                                (int) Limits.PATIENCE.min()));
            }
        }
        built.add(base.withEpochs((int) Limits.OPTIONAL_EPOCHS.min()));
        // lr: just above 0 and 1; momentum: 0, just below 1 and 0.5; weight decay: 0 and 1; epochs
        // 0
        assertEquals(2 + 3 * 2 + 1, built.size());
        QuantSettings four = QuantSettings.weights(4);
        QuantizePass.qat(four, base.withEpochs((int) Limits.EPOCHS.min()));
        assertThrows(
                IllegalArgumentException.class,
                () -> QuantizePass.qat(four, base.withEpochs((int) Limits.EPOCHS.min() - 1)));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new QuantSettings(
                                4,
                                true,
                                true,
                                Map.of(),
                                true,
                                CalibrationMethod.MIN_MAX,
                                (int) Limits.CALIBRATION_SAMPLES.min() - 1));
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
