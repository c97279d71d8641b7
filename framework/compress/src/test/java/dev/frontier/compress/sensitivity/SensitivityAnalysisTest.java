package dev.frontier.compress.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.compress.sensitivity.SensitivityTable.Probe;
import dev.frontier.compress.sensitivity.SensitivityTable.Row;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

class SensitivityAnalysisTest {

    static SensitivityTable table() {
        return new SensitivityTable(
                0.90,
                List.of(
                        new Row("conv1", Probe.PRUNE, 0.5, 0.80, 0.10),
                        new Row("conv1", Probe.BITS, 4, 0.85, 0.05),
                        new Row("fc1", Probe.PRUNE, 0.5, 0.90, 0.0),
                        new Row("fc1", Probe.PRUNE, 0.9, 0.895, 0.005),
                        new Row("fc1", Probe.BITS, 4, 0.899, 0.001)));
    }

    @Test
    void analysis_probesEveryLayerAtEverySetting_andRestoresTheModel() {
        EngineSetup.start(2);
        DataSplits data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(DataRequest.of(Datasets.SYNTHETIC).withLimit(600).withTestLimit(50));
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 7)) {
            new TrainingLoop(
                            TrainConfig.adam(1),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.validation(), data.mean(), data.std());
            byte[] before = TrainingLoop.snapshot(m);
            SensitivityTable t =
                    new SensitivityAnalysis(List.of(), List.of(0.5, 0.95), List.of(8, 2), 200)
                            .run(m, data.validation(), data.mean(), data.std());
            assertArrayEquals(before, TrainingLoop.snapshot(m));
            assertEquals(List.of("conv1", "conv2", "fc1", "fc2", "fc3"), List.copyOf(t.layers()));
            assertEquals(5 * 4, t.rows().size());
            for (String layer : t.layers()) {
                double eight = t.drop(layer, Probe.BITS, 8).orElseThrow();
                assertEquals(0, eight, 0.02, layer + " at 8 bits");
            }
            double worstTwoBit =
                    t.rows().stream()
                            .filter(r -> r.probe() == Probe.BITS && r.setting() == 2)
                            .mapToDouble(Row::drop)
                            .max()
                            .orElseThrow();
            double worstPrune =
                    t.rows().stream()
                            .filter(r -> r.probe() == Probe.PRUNE && r.setting() == 0.95)
                            .mapToDouble(Row::drop)
                            .max()
                            .orElseThrow();
            assertTrue(
                    worstTwoBit > 0.05 || worstPrune > 0.05,
                    "no layer is sensitive: 2-bit " + worstTwoBit + ", 95% pruning " + worstPrune);
            for (Row r : t.rows()) {
                assertEquals(t.baseline() - r.accuracy(), r.drop(), 1e-12);
            }
        }
    }

    @Test
    void mixedPrecision_keepsSensitiveLayersAtSafeBits() {
        assertEquals(Map.of("conv1", 8), table().mixedPrecision(4, 0.01, 8));
        assertEquals(Map.of(), table().mixedPrecision(4, 0.06, 8));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> table().mixedPrecision(3, 0.01, 8));
        assertTrue(
                e.getMessage()
                        .contains("3-bit sensitivity was not measured; probed bit-widths: [4-bit]"),
                e.getMessage());
    }

    @Test
    void pruningBudget_isTheLargestRatioWithinTheDrop() {
        assertEquals(Map.of("conv1", 0.0, "fc1", 0.9), table().pruningBudget(0.01));
        assertEquals(Map.of("conv1", 0.0, "fc1", 0.5), table().pruningBudget(0.001));
    }

    @Test
    void render_showsAccuracyAndDropPerLayerAndSetting() {
        String text = table().render();
        assertTrue(text.contains("validation accuracy 90.00% at baseline"), text);
        assertTrue(
                text.contains("prune 0.50")
                        && text.contains("bits 4-bit")
                        && text.contains("prune 0.90"),
                text);
        String conv1 = text.lines().filter(l -> l.startsWith("conv1")).findFirst().orElseThrow();
        assertTrue(
                conv1.contains("80.00 (+10.00)")
                        && conv1.contains("85.00 ( +5.00)")
                        && conv1.endsWith("-"),
                conv1);
    }

    @Test
    void toCsv_hasAHeaderAndOneLinePerRow() {
        List<String> lines = table().toCsv().lines().toList();
        assertEquals("layer,probe,setting,accuracy,drop,baseline", lines.get(0));
        assertEquals(1 + table().rows().size(), lines.size());
        assertEquals("conv1,prune,0.5,0.800000,0.100000,0.900000", lines.get(1));
        assertEquals("conv1,bits,4,0.850000,0.050000,0.900000", lines.get(2));
        assertEquals("fc1,prune,0.9,0.895000,0.005000,0.900000", lines.get(4));
    }

    @Test
    void invalidProbes_areRejectedWithTheValue() {
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        new SensitivityAnalysis(
                                                List.of(), List.of(1.0), List.of(), 10))
                        .getMessage()
                        .contains("got 1.0"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        new SensitivityAnalysis(
                                                List.of(), List.of(), List.of(16), 10))
                        .getMessage()
                        .contains("2..8"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new SensitivityAnalysis(List.of(), List.of(), List.of(), 10))
                        .getMessage()
                        .contains("nothing to measure"));
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new Row("fc2", Probe.BITS, 4, 1.5, 0))
                        .getMessage()
                        .contains("layer fc2"));
    }
}
