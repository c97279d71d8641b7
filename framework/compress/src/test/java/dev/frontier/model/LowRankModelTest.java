package dev.frontier.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.training.ParameterStore;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.MagnitudePruner;
import dev.frontier.compress.Masks;
import dev.frontier.compress.Sparsity;
import dev.frontier.compress.quant.FakeQuantModel;
import dev.frontier.engine.EngineSetup;
import dev.frontier.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Factored linear layers: the spec's ranks, the built block, its layer names and checkpoints. */
class LowRankModelTest {
    @TempDir Path dir;

    /** mlp at width 0.25: 784-75-25-10; fc1 at rank 10, fc2 at rank 5. */
    private static final ModelSpec FACTORED =
            ModelSpec.of("mlp", 0.25).withRanks(Map.of("fc1", 10, "fc2", 5));

    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    @Test
    void oldCanonicalStrings_parseUnchanged_andRanksRoundTrip() {
        String old = "mlp width=0.25 input=1x28x28 classes=10 hidden=[]";
        ModelSpec plain = ModelSpec.parse(old);
        assertEquals(Map.of(), plain.ranks());
        assertEquals(old, plain.canonical());
        assertEquals(ModelSpec.of("mlp", 0.25), plain);

        assertEquals(old + " ranks=fc1:10,fc2:5", FACTORED.canonical());
        assertEquals(FACTORED, ModelSpec.parse(FACTORED.canonical()));

        ModelSpec pruned = FACTORED.withHidden(List.of(40, 20));
        assertEquals(Map.of("fc1", 10, "fc2", 5), pruned.ranks(), "withHidden keeps the ranks");
        assertEquals(pruned, ModelSpec.parse(pruned.canonical()));

        // with arguments too: args first, then ranks
        ModelProvider mlp = ModelRegistry.provider("mlp");
        ModelSpec withArgs =
                new ModelSpec(
                        "mlp", 1, 1, 28, 28, 10, List.of(), Map.of("k", "a b"), mlp, Map.of());
        String argsOnly = withArgs.canonical();
        assertEquals("mlp width=1.0 input=1x28x28 classes=10 hidden=[] args=k=a+b", argsOnly);
        assertEquals(withArgs, ModelSpec.parse(argsOnly, n -> mlp));
        ModelSpec both = withArgs.withRanks(Map.of("fc2", 3));
        assertEquals(argsOnly + " ranks=fc2:3", both.canonical());
        assertEquals(both, ModelSpec.parse(both.canonical(), n -> mlp));
    }

    @Test
    void badRanks_areRejectedNamingThem() {
        IllegalArgumentException zero =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelSpec.of("mlp", 1).withRanks(Map.of("fc1", 0)));
        assertTrue(zero.getMessage().contains("fc1=0"), zero.getMessage());
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelZoo.build(ModelSpec.of("mlp", 1).withRanks(Map.of("fc7", 4))));
        assertTrue(
                unknown.getMessage().contains("[fc7]")
                        && unknown.getMessage().contains("[fc1, fc2, fc3]"),
                unknown.getMessage());
    }

    @Test
    void factoredMlp_hasTwoPartsPerFactoredLayer_andFewerParameters() {
        try (FrontierModel m = FrontierModel.create(FACTORED, Device.cpu(), 3)) {
            LayerMap layers = LayerMap.of(m.block());
            assertEquals(List.of("fc1.a", "fc1.b", "fc2.a", "fc2.b", "fc3"), layers.names());
            assertEquals(new Shape(10, 784), layers.get("fc1.a").weight().getArray().getShape());
            assertTrue(layers.get("fc1.a").bias().isEmpty(), "A has no bias");
            assertEquals(new Shape(75, 10), layers.get("fc1.b").weight().getArray().getShape());
            assertEquals(75, layers.get("fc1.b").bias().orElseThrow().getArray().size());
            assertEquals(List.of("fc3"), layers.defaultExcluded(), "pruning still spares fc3");
            // fc1: 784*10 + 10*75 + 75; fc2: 75*5 + 5*25 + 25; fc3: 25*10 + 10
            assertEquals(7840 + 825 + 375 + 150 + 260, m.parameterCount());
        }
        try (FrontierModel dense =
                FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 3)) {
            assertEquals(784 * 75 + 75 + 75 * 25 + 25 + 260, dense.parameterCount());
        }
    }

    @Test
    void inputStages_nameBothPartsOfAFactoredLayer() {
        List<String> staged = new ArrayList<>();
        var block =
                ModelZoo.build(
                        FACTORED,
                        name -> {
                            staged.add(name);
                            return Blocks.identityBlock();
                        });
        assertEquals(List.of("fc1.a", "fc1.b", "fc2.a", "fc2.b", "fc3"), staged);
        try (NDManager mgr = NDManager.newBaseManager()) {
            block.initialize(mgr, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 1, 28, 28));
            assertEquals(staged, LayerMap.of(block).names());
        }
    }

    @Test
    void factoredCheckpoint_loadsWithTheSameStructureAndOutputs() throws IOException {
        Path file = dir.resolve("lowrank.ckpt");
        float[] input = new float[2 * 28 * 28];
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextGaussian();
        }
        byte[] before;
        float[] out;
        try (FrontierModel m = FrontierModel.create(FACTORED, Device.cpu(), 9)) {
            before = TrainingLoop.snapshot(m);
            out = forward(m, input);
            Checkpoint.save(m, file);
        }
        assertEquals(FACTORED, Checkpoint.readSpec(file));
        try (FrontierModel loaded = Checkpoint.load(file, Device.cpu(), Optional.empty())) {
            assertEquals(FACTORED, loaded.spec());
            assertEquals(
                    List.of("fc1.a", "fc1.b", "fc2.a", "fc2.b", "fc3"),
                    LayerMap.of(loaded.block()).names());
            assertArrayEquals(before, TrainingLoop.snapshot(loaded));
            assertArrayEquals(out, forward(loaded, input));
        }
    }

    @Test
    void fakeQuantStagingAndMagnitudePruning_findBothPartsByName() {
        float[] input = new float[2 * 28 * 28];
        java.util.Random rnd = new java.util.Random(6);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextGaussian();
        }
        try (FrontierModel m = FrontierModel.create(FACTORED, Device.cpu(), 2);
                FakeQuantModel fq = FakeQuantModel.of(m)) {
            assertEquals(
                    List.of("fc1.a", "fc1.b", "fc2.a", "fc2.b", "fc3"),
                    List.copyOf(fq.stages().keySet()));
            assertEquals(LayerMap.of(m.block()).names(), LayerMap.of(fq.model().block()).names());
            assertArrayEquals(forward(m, input), forward(fq.model(), input), 1e-6f);

            LayerMap layers = LayerMap.of(m.block());
            MagnitudePruner pruner =
                    new MagnitudePruner(MagnitudePruner.Scope.LAYER, layers.defaultExcluded());
            try (NDManager mgr = m.djlModel().getNDManager().newSubManager();
                    Masks masks = pruner.masks(layers, 0.5, mgr)) {
                masks.apply(layers);
            }
            Sparsity sp = Sparsity.of(LayerMap.of(m.block()));
            assertEquals(0.5, sp.ratio("fc1.a"), 0.01);
            assertEquals(0.5, sp.ratio("fc2.b"), 0.01);
            assertEquals(0.0, sp.ratio("fc3"), "the classifier stays dense");
        }
    }

    @Test
    void factoredConvolution_isAChannelDecomposition_andSurvivesACheckpoint() throws IOException {
        // cnn at width 0.25: convs 8, 8, 16, 16, fc1 32
        ModelSpec spec = ModelSpec.of("cnn", 0.25).withRanks(Map.of("conv2", 4, "fc1", 8));
        assertEquals(
                "cnn width=0.25 input=1x28x28 classes=10 hidden=[] ranks=conv2:4,fc1:8",
                spec.canonical());
        Path file = dir.resolve("conv.ckpt");
        float[] input = new float[2 * 28 * 28];
        java.util.Random rnd = new java.util.Random(4);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextGaussian();
        }
        float[] out;
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 9)) {
            LayerMap layers = LayerMap.of(m.block());
            assertEquals(
                    List.of(
                            "conv1", "conv2.a", "conv2.b", "conv3", "conv4", "fc1.a", "fc1.b",
                            "fc2"),
                    layers.names());
            assertEquals(
                    new Shape(4, 8, 3, 3), layers.get("conv2.a").weight().getArray().getShape());
            assertEquals(
                    new Shape(8, 4, 1, 1), layers.get("conv2.b").weight().getArray().getShape());
            assertTrue(layers.get("conv2.a").bias().isEmpty());
            out = forward(m, input);
            assertEquals(20, out.length);
            Checkpoint.save(m, file);
        }
        try (FrontierModel loaded = Checkpoint.load(file, Device.cpu(), Optional.empty())) {
            assertEquals(spec, loaded.spec());
            assertArrayEquals(out, forward(loaded, input));
        }
    }

    private static float[] forward(FrontierModel m, float[] x) {
        try (NDManager mgr = m.djlModel().getNDManager().newSubManager()) {
            return m.block()
                    .forward(
                            new ParameterStore(mgr, false),
                            new NDList(mgr.create(x, new Shape(2, 1, 28, 28))),
                            false)
                    .singletonOrThrow()
                    .toFloatArray();
        }
    }
}
