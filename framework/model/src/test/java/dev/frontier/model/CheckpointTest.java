package dev.frontier.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.engine.EngineSetup;
import dev.frontier.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {
    @TempDir Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.start(2);
    }

    @ParameterizedTest
    @CsvSource({"cnn,0.25,1,28", "resnet20,0.5,3,32", "mobilenet,0.25,1,28"})
    void saveThenLoad_restoresSpecAndEveryParameter(
            String name, double width, int channels, int size) throws IOException {
        Path file = dir.resolve("m.ckpt");
        ModelSpec spec = new ModelSpec(name, width, channels, size, size, 10, java.util.List.of());
        byte[] before;
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 5)) {
            before = TrainingLoop.snapshot(m);
            Checkpoint.save(m, file);
        }
        assertEquals(spec, Checkpoint.readSpec(file));
        try (FrontierModel loaded = Checkpoint.load(file, Device.cpu(), Optional.of(spec))) {
            assertEquals(spec, loaded.spec());
            assertArrayEquals(before, TrainingLoop.snapshot(loaded));
        }
    }

    @Test
    void aLoadedModel_canBeTrainedFurther() throws IOException {
        Path file = dir.resolve("t.ckpt");
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 5)) {
            Checkpoint.save(m, file);
        }
        var data =
                dev.frontier.data.Datasets.standard(
                                dev.frontier.data.DataRequest.of("synthetic"), s -> {})
                        .load(
                                dev.frontier.data.DataRequest.of("synthetic")
                                        .withLimit(300)
                                        .withTestLimit(50));
        try (FrontierModel loaded = Checkpoint.load(file, Device.cpu(), Optional.empty())) {
            byte[] before = TrainingLoop.snapshot(loaded);
            new TrainingLoop(
                            dev.frontier.train.TrainConfig.adam(1),
                            dev.frontier.train.TrainingHooks.standard(),
                            dev.frontier.train.TrainingProgress.silent())
                    .train(loaded, data.train(), data.validation(), data.mean(), data.std());
            org.junit.jupiter.api.Assertions.assertFalse(
                    java.util.Arrays.equals(before, TrainingLoop.snapshot(loaded)));
        }
    }

    @Test
    void loadingAnotherArchitecture_namesBoth() throws IOException {
        Path file = dir.resolve("lenet.ckpt");
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 5)) {
            Checkpoint.save(m, file);
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                Checkpoint.load(
                                        file, Device.cpu(), Optional.of(ModelSpec.of("mlp", 1))));
        assertTrue(e.getMessage().contains("holds a lenet5 width=1.0"), e.getMessage());
        assertTrue(e.getMessage().contains("not mlp width=1.0"), e.getMessage());
    }

    @Test
    void aFileThatIsNotACheckpoint_isAClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("x.ckpt"), "hello world, not a model");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> Checkpoint.load(file, Device.cpu(), Optional.empty()));
        assertTrue(e.getMessage().contains("is not a Frontier checkpoint"), e.getMessage());
    }
}
