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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PruningTest {
    static DataSplits data;

    @BeforeAll
    static void setUp() {
        EngineSetup.start(2);
        data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(DataRequest.of(Datasets.SYNTHETIC).withLimit(600).withTestLimit(100));
    }

    @Test
    void layerNames_followForwardOrder() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            LayerMap l = LayerMap.of(m.block());
            assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "fc3"), l.names());
            assertEquals(List.of("conv1", "fc3"), l.defaultExcluded());
        }
    }

    @Test
    void layerwisePruning_zeroesExactlyTheRatioOfEachIncludedLayer() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            LayerMap l = LayerMap.of(m.block());
            try (Masks masks =
                    new MagnitudePruner(MagnitudePruner.Scope.LAYER, l.defaultExcluded())
                            .masks(l, 0.7, m.djlModel().getNDManager())) {
                masks.apply(l);
            }
            Sparsity s = Sparsity.of(l);
            assertEquals(Math.round(0.7 * 2400), s.perLayer().get("conv2")[0]);
            assertEquals(Math.round(0.7 * 48000), s.perLayer().get("fc1")[0]);
            assertEquals(Math.round(0.7 * 10080), s.perLayer().get("fc2")[0]);
            assertEquals(0, s.perLayer().get("conv1")[0]);
            assertEquals(0, s.perLayer().get("fc3")[0]);
        }
    }

    @Test
    void globalPruning_prunesTheSmallestWeightsAcrossLayers() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 1)) {
            LayerMap l = LayerMap.of(m.block());
            // scale fc2 up so that global pruning takes its weights last
            l.get("fc2").weight().getArray().muli(0).addi(5); // larger than every fc1 weight
            try (Masks masks =
                    new MagnitudePruner(MagnitudePruner.Scope.GLOBAL, List.of("fc3"))
                            .masks(l, 0.5, m.djlModel().getNDManager())) {
                masks.apply(l);
            }
            Sparsity s = Sparsity.of(l);
            long included = s.perLayer().get("fc1")[1] + s.perLayer().get("fc2")[1];
            assertEquals(
                    Math.round(0.5 * included),
                    s.perLayer().get("fc1")[0] + s.perLayer().get("fc2")[0]);
            assertEquals(0, s.perLayer().get("fc2")[0]);
        }
    }

    @Test
    void globalPruningThatEmptiesALayer_namesTheLayer() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 1)) {
            LayerMap l = LayerMap.of(m.block());
            l.get("fc2").weight().getArray().muli(1e-6f);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new MagnitudePruner(
                                                    MagnitudePruner.Scope.GLOBAL, List.of("fc3"))
                                            .masks(l, 0.95, m.djlModel().getNDManager()));
            assertTrue(
                    e.getMessage().contains("would remove every weight of layer fc2"),
                    e.getMessage());
        }
    }

    @Test
    void unknownExcludedLayer_listsTheLayers() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            LayerMap l = LayerMap.of(m.block());
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new MagnitudePruner(
                                                    MagnitudePruner.Scope.LAYER, List.of("conv9"))
                                            .masks(l, 0.5, m.djlModel().getNDManager()));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "no layer 'conv9'; this model's layers are [conv1, conv2, fc1, fc2, fc3]"),
                    e.getMessage());
        }
    }

    @Test
    void prunedWeights_stayExactlyZeroThroughAdamFineTuning() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 1)) {
            LayerMap l = LayerMap.of(m.block());
            try (Masks masks =
                    new MagnitudePruner(MagnitudePruner.Scope.LAYER, l.defaultExcluded())
                            .masks(l, 0.9, m.djlModel().getNDManager())) {
                masks.apply(l);
                long before = Sparsity.of(l).zeros();
                new TrainingLoop(
                                TrainConfig.adam(1),
                                TrainingHooks.standard(),
                                TrainingProgress.silent())
                        .train(m, data.train(), data.validation(), data.mean(), data.std());
                Sparsity after = Sparsity.of(LayerMap.of(m.block()));
                assertEquals(before, after.zeros());
                assertEquals(Math.round(0.9 * 48000), after.perLayer().get("fc1")[0]);
            }
        }
    }

    @Test
    void gradualSchedule_followsTheCubicCurve() {
        GradualSchedule g = new GradualSchedule(0, 0.9, 0, 100, 10);
        assertEquals(0.0, g.sparsityAt(0), 1e-12);
        assertEquals(0.9 + (0 - 0.9) * Math.pow(0.5, 3), g.sparsityAt(50), 1e-12);
        assertEquals(0.9, g.sparsityAt(100), 1e-12);
        assertEquals(0.9, g.sparsityAt(500), 1e-12);
        assertTrue(g.updatesAt(20) && !g.updatesAt(25) && !g.updatesAt(110));
    }

    @Test
    void gradualPruning_reachesTheTargetSparsityByTheEnd() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 1);
                NDManager masks = m.djlModel().getNDManager().newSubManager()) {
            int steps = (data.train().size() + 127) / 128;
            MagnitudePruner p = new MagnitudePruner(MagnitudePruner.Scope.LAYER, List.of("fc3"));
            new TrainingLoop(
                            TrainConfig.adam(2),
                            TrainingHooks.standard()
                                    .withAfterStep(
                                            PruningHooks.gradual(
                                                    p,
                                                    new GradualSchedule(0, 0.8, 0, steps, 2),
                                                    masks)),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.validation(), data.mean(), data.std());
            Sparsity s = Sparsity.of(LayerMap.of(m.block()));
            assertEquals(0.8, s.ratio("fc1"), 1e-4);
            assertEquals(0.8, s.ratio("fc2"), 1e-3);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "mlp,L1",
        "lenet5,L1",
        "cnn,BN",
        "cnn,L2",
        "resnet8,L1",
        "resnet20,L2",
        "mobilenet,BN"
    })
    void structuredPruning_computesWhatTheMaskedModelComputes(String name, String norm) {
        ModelSpec spec = ModelSpec.of(name, 0.5);
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 3)) {
            // a little training so BatchNorm statistics and scales are not at their initial values
            new TrainingLoop(
                            TrainConfig.adam(1),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.test().head(0), data.mean(), data.std());
            StructuredPruner pruner =
                    new StructuredPruner(StructuredPruner.Norm.valueOf(norm), List.of());
            StructuredPruner.Plan plan = pruner.plan(m, 0.5);
            try (FrontierModel small = pruner.apply(m, plan)) {
                assertTrue(
                        small.parameterCount() < m.parameterCount() * 0.6,
                        small.parameterCount() + " vs " + m.parameterCount());
                StructuredPruner.zeroPruned(m, plan);
                NDArray x = m.djlModel().getNDManager().randomNormal(new Shape(8, 1, 28, 28));
                float[] a = forward(m, x);
                float[] b = forward(small, x);
                assertEquals(a.length, b.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5, "logit " + i);
                }
            }
        }
    }

    @Test
    void structuredPruningOfCnn_halvesParametersAtHalfTheFilters() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("cnn", 1), Device.cpu(), 3)) {
            StructuredPruner p = new StructuredPruner(StructuredPruner.Norm.L1, List.of());
            try (FrontierModel small = p.apply(m, p.plan(m, 0.5))) {
                assertEquals(List.of(16, 16, 32, 32, 64), small.spec().effectiveHidden());
                assertTrue(small.parameterCount() * 2 <= m.parameterCount());
            }
        }
    }

    @Test
    void structuredRatioRemovingAllUnits_namesTheLayer() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 3)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new StructuredPruner(StructuredPruner.Norm.L1, List.of())
                                            .plan(m, 0.95));
            assertTrue(
                    e.getMessage().contains("remove all 6 units of layer conv1"), e.getMessage());
        }
    }

    @Test
    void bnNormWithoutBatchNorm_isAClearError() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 3)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new StructuredPruner(StructuredPruner.Norm.BN, List.of())
                                            .plan(m, 0.5));
            assertTrue(
                    e.getMessage().contains("norm 'bn' needs a BatchNorm after layer conv1"),
                    e.getMessage());
        }
    }

    private static float[] forward(FrontierModel m, NDArray x) {
        try (NDManager sub = m.djlModel().getNDManager().newSubManager()) {
            NDArray in = x.duplicate();
            in.attach(sub);
            return m.block()
                    .forward(new ParameterStore(sub, false), new NDList(in), false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }
}
