package dev.frontier.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.MagnitudePruner;
import dev.frontier.compress.Sparsity;
import dev.frontier.compress.StructuredPruner;
import dev.frontier.engine.EngineSetup;
import dev.frontier.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model registered from outside the zoo ({@link UserBlockProvider}) is compressed by walking its
 * block tree.
 */
class UserModelTest {
    @TempDir Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    @Test
    void aRegisteredUserModel_isBuiltNamedPrunedAndStored_withoutFrontierKnowingIt()
            throws IOException {
        assertTrue(ModelZoo.names().contains("test-user-net"), ModelZoo.names().toString());
        ModelSpec spec = ModelSpec.of("test-user-net", 1);
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 3)) {
            LayerMap layers = LayerMap.of(m.block());
            assertEquals(List.of("conv1", "conv2", "fc1"), layers.names());
            // 28x28 -> conv3x3/2 13x13 -> conv3x3 11x11: fc1 sees 6*11*11 features
            assertEquals(4 * 9 + 4 + 8 + 6 * 4 * 9 + 6 + 6 * 121 * 10 + 10, m.parameterCount());
            try (var masks =
                    new MagnitudePruner(MagnitudePruner.Scope.LAYER, List.of("fc1"))
                            .masks(layers, 0.5, m.djlModel().getNDManager())) {
                masks.apply(layers);
            }
            assertEquals(0.5, Sparsity.of(layers).ratio("conv2"), 0.01);
            Path file = dir.resolve("user.ckpt");
            byte[] before = TrainingLoop.snapshot(m);
            Checkpoint.save(m, file);
            try (FrontierModel loaded = Checkpoint.load(file, Device.cpu(), Optional.of(spec))) {
                assertArrayEquals(before, TrainingLoop.snapshot(loaded));
            }
        }
    }

    @Test
    void structuredPruningOfAModelWithoutWidths_namesTheLayerItCannotShrink() {
        try (FrontierModel m =
                FrontierModel.create(ModelSpec.of("test-user-net", 1), Device.cpu(), 3)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new StructuredPruner(StructuredPruner.Norm.L1, List.of("conv1"))
                                            .plan(m, 0.5));
            assertEquals(
                    "structured pruning cannot shrink layer conv2 of model test-user-net: the model declares no "
                            + "widths to shrink (ModelProvider.baseWidths); use unstructured pruning",
                    e.getMessage());
        }
    }
}
