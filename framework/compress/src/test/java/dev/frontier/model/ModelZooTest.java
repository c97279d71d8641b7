package dev.frontier.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.frontier.engine.EngineSetup;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelZooTest {
    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    @ParameterizedTest
    @CsvSource({
        "mlp,1.0,266610",
        "lenet5,1.0,61706",
        "cnn,1.0,468458",
        "resnet8,1.0,78090",
        "mlp,0.5,125810",
        "lenet5,2.0,244362",
        "resnet20,1.0,272970",
        "mobilenet,1.0,137674"
    })
    void parameterCount_matchesTheDocumentedArchitecture(String name, double width, long expected) {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of(name, width), Device.cpu(), 1)) {
            assertEquals(expected, m.parameterCount());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "mlp,1,28",
        "lenet5,1,28",
        "cnn,1,28",
        "resnet8,1,28",
        "resnet20,1,28",
        "resnet20,3,32",
        "mobilenet,1,28",
        "mobilenet,3,32"
    })
    void forward_givesOneLogitPerClass(String name, int channels, int size) {
        ModelSpec spec = new ModelSpec(name, 0.5, channels, size, size, 10, List.of());
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 1)) {
            NDArray x =
                    m.djlModel().getNDManager().randomNormal(new Shape(3, channels, size, size));
            NDArray y =
                    m.block()
                            .forward(
                                    new ParameterStore(m.djlModel().getNDManager(), false),
                                    new NDList(x),
                                    false)
                            .singletonOrThrow();
            assertEquals(new Shape(3, 10), y.getShape());
        }
    }

    @Test
    void resnet20_onCifarSizedInput_hasThePapersParameterCount() {
        // He et al. report 0.27 M; this one has 1x1 projection shortcuts at the two stride-2 blocks
        // and conv biases
        ModelSpec spec = new ModelSpec("resnet20", 1.0, 3, 32, 32, 10, List.of());
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 1)) {
            assertEquals(273258, m.parameterCount());
            dev.frontier.compress.LayerMap layers = dev.frontier.compress.LayerMap.of(m.block());
            // stem + 9 blocks x 2 convs + 2 projections, and the classifier
            assertEquals(
                    21,
                    layers.layers().stream()
                            .filter(l -> l.kind() == dev.frontier.compress.LayerMap.Kind.CONV)
                            .count());
            assertEquals(List.of("fc1"), layers.names().subList(21, 22));
        }
    }

    @Test
    void mobilenet_hasDepthwiseLayersWithOneInputChannelPerGroup() {
        try (FrontierModel m =
                FrontierModel.create(ModelSpec.of("mobilenet", 1.0), Device.cpu(), 1)) {
            dev.frontier.compress.LayerMap layers = dev.frontier.compress.LayerMap.of(m.block());
            assertEquals(12, layers.layers().size());
            // conv2 is the first depthwise conv: 32 filters of 1 input channel, 3x3
            assertEquals(
                    new Shape(32, 1, 3, 3), layers.get("conv2").weight().getArray().getShape());
            assertEquals(
                    new Shape(64, 32, 1, 1), layers.get("conv3").weight().getArray().getShape());
        }
    }

    @Test
    void everyRegisteredProvider_isAModelProviderWithADescription() {
        // the built-ins first, then models registered elsewhere (the test class path adds
        // test-user-net)
        assertEquals(
                List.of("mlp", "lenet5", "cnn", "resnet8", "resnet20", "mobilenet"),
                ModelZoo.names().subList(0, 6));
        for (String n : ModelZoo.names()) {
            ModelProvider p = ModelRegistry.provider(n);
            assertEquals(n, p.name());
            assertTrue(!p.description().isBlank() && p.relativeCost() > 0, n);
        }
    }

    @Test
    void explicitHiddenWidths_overrideTheMultiplier() {
        ModelSpec s = ModelSpec.of("lenet5", 1.0).withHidden(List.of(3, 8, 60, 42));
        assertEquals(List.of(3, 8, 60, 42), s.effectiveHidden());
        assertEquals(s, ModelSpec.parse(s.canonical()));
        try (FrontierModel m = FrontierModel.create(s, Device.cpu(), 1)) {
            // conv1 3*25+3, conv2 8*3*25+8, fc 200*60+60, 60*42+42, 42*10+10
            assertEquals(78 + 608 + 12060 + 2562 + 430, m.parameterCount());
        }
    }

    @Test
    void unknownModel_listsTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("vgg", 1));
        assertTrue(
                e.getMessage()
                        .contains("known models: mlp, lenet5, cnn, resnet8, resnet20, mobilenet"),
                e.getMessage());
    }
}
