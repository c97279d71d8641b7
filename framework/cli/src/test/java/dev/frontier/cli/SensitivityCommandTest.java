package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensitivityCommandTest {
    private static final List<String> LENET5_LAYERS =
            List.of("conv1", "conv2", "fc1", "fc2", "fc3");

    @TempDir Path dir;

    /** A tiny sweep on generated data: 480 training and 120 validation images, one epoch. */
    private Path spec() throws IOException {
        return Files.writeString(
                dir.resolve("tiny.yaml"),
                """
                name: tiny-sensitivity
                dataset:
                  name: synthetic
                  limit: 600
                  splitSeed: 3
                  validation: 0.2
                model: lenet5
                seed: 7
                device: cpu
                threads: 1
                training:
                  epochs: 1
                  batchSize: 64
                pipeline:
                  - prune:
                      ratio: 0.5
                output: %s
                """
                        .formatted(dir.resolve("run")));
    }

    @Test
    void sensitivity_writesOneCsvRowPerLayerAndProbe() throws IOException {
        CliRun r =
                CliRun.of("sensitivity", spec().toString(), "--ratios", "0.5,0.9", "--bits", "4,2");
        assertEquals(0, r.code(), r.text());
        assertTrue(r.text().contains("baseline: trained 1 epoch(s)"), r.text());
        assertTrue(r.text().contains("per-layer sensitivity (validation accuracy"), r.text());

        Path csv = dir.resolve("run/sensitivity.csv");
        assertTrue(r.text().contains("csv: " + csv), r.text());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("layer,probe,setting,accuracy,drop,baseline", lines.get(0));
        List<String> expected = new ArrayList<>();
        for (String layer : LENET5_LAYERS) {
            for (String probe : List.of("prune,0.5", "prune,0.9", "bits,4", "bits,2")) {
                expected.add(layer + "," + probe);
            }
        }
        List<String> found = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(6, f.length, line);
            found.add(f[0] + "," + f[1] + "," + f[2]);
            double accuracy = Double.parseDouble(f[3]);
            double baseline = Double.parseDouble(f[5]);
            assertTrue(accuracy >= 0 && accuracy <= 1, line);
            assertTrue(baseline >= 0 && baseline <= 1, line);
            assertEquals(baseline - accuracy, Double.parseDouble(f[4]), 2e-6, line);
        }
        assertEquals(expected, found, "one row per layer x probe, in probing order");
    }

    @Test
    void unknownLayer_exits2ListingTheLayersBeforeTraining() throws IOException {
        CliRun r =
                CliRun.of(
                        "sensitivity", spec().toString(), "--layers", "conv1,conv9", "--bits", "4");
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                "error: --layers: lenet5 has no layer conv9; its layers are conv1, conv2, fc1, fc2, fc3"),
                r.text());
        assertFalse(r.text().contains("baseline: trained"), r.text());
        assertFalse(Files.exists(dir.resolve("run/sensitivity.csv")));
    }

    @Test
    void outOfRangeProbes_exit2NamingTheOption() throws IOException {
        CliRun ratio = CliRun.of("sensitivity", spec().toString(), "--ratios", "0.5,1.0");
        assertEquals(2, ratio.code(), ratio.text());
        assertTrue(
                ratio.text().contains("error: --ratios: pruning ratios must be in [0, 1), got 1.0"),
                ratio.text());
        CliRun bits = CliRun.of("sensitivity", spec().toString(), "--bits", "4,16");
        assertEquals(2, bits.code(), bits.text());
        assertTrue(
                bits.text().contains("error: --bits: bit-widths must be 2..8, got 16"),
                bits.text());
    }

    @Test
    void pretrainedBaselineOfTheSweep_isProbedAsLoaded_notTrained() throws IOException {
        Path lenet = dir.resolve("pre.ckpt");
        CliRun train =
                CliRun.of(
                        "train",
                        "--model",
                        "lenet5",
                        "--dataset",
                        "synthetic",
                        "--limit",
                        "300",
                        "--test-limit",
                        "50",
                        "--epochs",
                        "1",
                        "--out",
                        lenet.toString());
        assertEquals(0, train.code(), train.text());
        Path sweep =
                Files.writeString(
                        dir.resolve("pre.yaml"),
                        Files.readString(spec())
                                .replace(
                                        "  epochs: 1\n",
                                        "  epochs: 1\n  pretrained: " + lenet + "\n"));
        CliRun r =
                CliRun.of(
                        "sensitivity",
                        sweep.toString(),
                        "--layers",
                        "fc3",
                        "--ratios",
                        "0.7",
                        "--bits",
                        "3",
                        "--out",
                        dir.resolve("pre.csv").toString());
        assertEquals(0, r.code(), r.text());
        assertTrue(r.text().contains("baseline: pretrained weights from " + lenet), r.text());
        assertFalse(r.text().contains("baseline: trained"), r.text());
    }

    @Test
    void checkpoint_isProbedWithoutTraining_andAnotherArchitectureIsRefused() throws IOException {
        Path lenet = dir.resolve("lenet5.ckpt");
        CliRun train =
                CliRun.of(
                        "train",
                        "--model",
                        "lenet5",
                        "--dataset",
                        "synthetic",
                        "--limit",
                        "300",
                        "--test-limit",
                        "50",
                        "--epochs",
                        "1",
                        "--out",
                        lenet.toString());
        assertEquals(0, train.code(), train.text());
        Path csv = dir.resolve("probe.csv");
        CliRun r =
                CliRun.of(
                        "sensitivity",
                        spec().toString(),
                        "--checkpoint",
                        lenet.toString(),
                        "--layers",
                        "fc3",
                        "--ratios",
                        "0.7",
                        "--bits",
                        "3",
                        "--out",
                        csv.toString());
        assertEquals(0, r.code(), r.text());
        assertFalse(r.text().contains("baseline: trained"), r.text());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(
                List.of("fc3,prune,0.7", "fc3,bits,3"),
                lines.subList(1, lines.size()).stream()
                        .map(l -> String.join(",", List.of(l.split(",")).subList(0, 3)))
                        .toList());

        Path mlp = dir.resolve("mlp.ckpt");
        assertEquals(
                0,
                CliRun.of(
                                "train",
                                "--model",
                                "mlp",
                                "--dataset",
                                "synthetic",
                                "--limit",
                                "300",
                                "--test-limit",
                                "50",
                                "--epochs",
                                "1",
                                "--out",
                                mlp.toString())
                        .code());
        CliRun wrong = CliRun.of("sensitivity", spec().toString(), "--checkpoint", mlp.toString());
        assertEquals(2, wrong.code(), wrong.text());
        assertTrue(
                wrong.text().contains("mlp.ckpt holds a mlp")
                        && wrong.text().contains("but the sweep's model is lenet5"),
                wrong.text());
    }
}
