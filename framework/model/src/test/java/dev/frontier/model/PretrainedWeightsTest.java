package dev.frontier.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.data.DataException;
import dev.frontier.engine.EngineSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainedWeightsTest {
    private static final ModelSpec MLP = ModelSpec.of("mlp", 0.25);

    @TempDir Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    private static float[] firstWeights(FrontierModel m) {
        return m.block().getParameters().get(0).getValue().getArray().toFloatArray();
    }

    @Test
    void djlParamsAndCheckpoint_loadTheSavedWeightsExactly() throws IOException {
        float[] saved;
        try (FrontierModel m = FrontierModel.create(MLP, Device.cpu(), 1)) {
            saved = firstWeights(m);
            m.djlModel().save(dir, "net");
            Checkpoint.save(m, dir.resolve("model.ckpt"));
        }
        for (Path f : List.of(dir.resolve("net-0000.params"), dir.resolve("model.ckpt"))) {
            try (FrontierModel fresh = FrontierModel.create(MLP, Device.cpu(), 2)) {
                PretrainedWeights.Format format = PretrainedWeights.load(fresh, f);
                assertEquals(
                        f.toString().endsWith(".params")
                                ? PretrainedWeights.Format.DJL_PARAMS
                                : PretrainedWeights.Format.FRONTIER_CHECKPOINT,
                        format);
                assertArrayEquals(saved, firstWeights(fresh), f.toString());
            }
        }
    }

    @Test
    void aFileOfNeitherFormat_anotherArchitecture_orAMissingFile_isOneDataExceptionNamingTheFile()
            throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.params"), "not weights at all");
        try (FrontierModel m = FrontierModel.create(MLP, Device.cpu(), 1)) {
            DataException e =
                    assertThrows(DataException.class, () -> PretrainedWeights.load(m, junk));
            assertEquals(
                    junk
                            + ": neither a DJL parameter file (Model.save, starting 'DJL@') nor a Frontier checkpoint",
                    e.getMessage());
            Path missing = dir.resolve("none.params");
            e = assertThrows(DataException.class, () -> PretrainedWeights.load(m, missing));
            assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());
        }
        try (FrontierModel lenet =
                FrontierModel.create(ModelSpec.of("lenet5", 1.0), Device.cpu(), 1)) {
            lenet.djlModel().save(dir, "lenet");
        }
        try (FrontierModel m = FrontierModel.create(MLP, Device.cpu(), 1)) {
            Path other = dir.resolve("lenet-0000.params");
            DataException e =
                    assertThrows(DataException.class, () -> PretrainedWeights.load(m, other));
            assertTrue(e.getMessage().startsWith(other + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("mlp width=0.25"), e.getMessage());
            System.out.println("another architecture: " + e.getMessage());
        }
    }
}
