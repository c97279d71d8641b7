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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ModelZooTest {
    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    @ParameterizedTest
    @CsvSource({"mlp,1.0,266610", "lenet5,1.0,61706", "cnn,1.0,468458", "resnet8,1.0,78090", "mlp,0.5,125810",
            "lenet5,2.0,244362"})
    void parameterCount_matchesTheDocumentedArchitecture(String name, double width, long expected) {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of(name, width), Device.cpu(), 1)) {
            assertEquals(expected, m.parameterCount());
        }
    }

    @ParameterizedTest
    @CsvSource({"mlp", "lenet5", "cnn", "resnet8"})
    void forward_givesOneLogitPerClass(String name) {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of(name, 0.5), Device.cpu(), 1)) {
            NDArray x = m.djlModel().getNDManager().randomNormal(new Shape(3, 1, 28, 28));
            NDArray y = m.block().forward(new ParameterStore(m.djlModel().getNDManager(), false), new NDList(x), false)
                    .singletonOrThrow();
            assertEquals(new Shape(3, 10), y.getShape());
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
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpec.of("vgg", 1));
        assertTrue(e.getMessage().contains("known models: mlp, lenet5, cnn, resnet8"), e.getMessage());
    }
}
