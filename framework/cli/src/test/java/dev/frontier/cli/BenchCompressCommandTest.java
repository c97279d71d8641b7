package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frontier bench compress} end to end on synthetic data: sweeps run through the stage
 * runner, one table.
 */
class BenchCompressCommandTest {
    @TempDir Path dir;

    private static final String HEAD =
            """
            dataset: {name: synthetic, limit: 600}
            model: {name: mlp, width: 0.25}
            seed: 7
            device: cpu
            threads: 1
            training: {epochs: 1, batchSize: 64, schedule: cosine}
            runtime: djl-pytorch
            parallelism: 1
            output: runs/tiny
            """;

    /** The table line whose technique column starts with {@code technique}. */
    private static String row(String text, String technique) {
        return text.lines()
                .filter(l -> l.startsWith(technique))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + technique + "' in\n" + text));
    }

    private static double ratio(String row) {
        Matcher m = Pattern.compile(" (\\d+\\.\\d)x ").matcher(row);
        assertTrue(m.find(), row);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void twoSweepsSharingAnOutput_trainOneBaseline_andPrintOneTableOfTheirTrials()
            throws IOException {
        Path bench = Files.createDirectories(dir.resolve("bench"));
        Files.writeString(
                bench.resolve("tiny-prune.yaml"),
                "name: tiny-prune\n"
                        + HEAD
                        + """
                pipeline:
                  - prune: {scope: global, ratio: 0.8, schedule: gradual, rampEnd: 0.5, finetuneEpochs: 2, finetuneLr: 0.002}
                  - quantize: {bits: [32, 4], granularity: per-channel}
                """);
        Files.writeString(
                bench.resolve("tiny-qat.yaml"),
                "name: tiny-qat\n"
                        + HEAD
                        + """
                pipeline:
                  - quantize: {bits: 4, granularity: per-channel, mode: qat, qatEpochs: 1, qatLr: 0.0001}
                """);
        CliRun r =
                CliRun.of(
                        "bench",
                        "compress",
                        "--bench-dir",
                        bench.toString(),
                        "--sections",
                        "tiny",
                        "--quick",
                        "--out-dir",
                        dir.resolve("out").toString());
        assertEquals(0, r.code(), r.text());
        String text = r.text();
        String table = text.substring(text.indexOf("\ntechnique"));
        assertEquals(
                1,
                table.lines()
                        .filter(l -> l.startsWith("fp32 baseline (1 ep, adam lr 0.001, cosine)"))
                        .count(),
                "one baseline row for both sweeps:\n" + table);
        assertTrue(
                text.contains("stage mlp on synthetic"), "the baseline trained in the first sweep");
        String pruned = row(table, "80% global gradual pruning + FT 1 ep (lr 0.002)  ");
        String combined =
                row(
                        table,
                        "80% global gradual pruning + FT 1 ep (lr 0.002) + 4-bit per-channel PTQ, W4");
        String qat = row(table, "4-bit per-channel QAT 1 ep (lr 0.0001), W4");
        assertTrue(pruned.contains("(asked "), pruned);
        assertTrue(
                !pruned.contains("entropy floor"),
                "fp32 values have no order-0 floor worth printing: " + pruned);
        for (String quantized : List.of(combined, qat)) {
            Matcher floor =
                    Pattern.compile(
                                    "file (\\d+) B = (\\d+\\.\\d+)x its order-0 entropy floor (\\d+) B")
                            .matcher(quantized);
            assertTrue(floor.find(), quantized);
            assertTrue(
                    quantized.contains(" " + floor.group(1) + "  "),
                    "the note's bytes are the row's file bytes: " + quantized);
            assertEquals(
                    Double.parseDouble(floor.group(1)) / Double.parseDouble(floor.group(3)),
                    Double.parseDouble(floor.group(2)),
                    0.0005,
                    quantized);
        }
        assertTrue(ratio(combined) > ratio(pruned) && ratio(combined) > ratio(qat), table);
        assertTrue(ratio(qat) > 4, qat);
        List<String> rows = table.lines().filter(l -> l.contains(" mlp x0.25 ")).toList();
        assertEquals(4, rows.size(), table);
        assertTrue(
                rows.get(1).startsWith("80% global gradual pruning + FT 1 ep (lr 0.002)  "),
                "sorted by ratio:\n" + table);
        assertTrue(
                Files.isRegularFile(dir.resolve("out/tiny/summary.yaml")),
                "--out-dir keeps the run folder");
        assertTrue(
                Files.isDirectory(dir.resolve("out/mlruns")),
                "runs are logged inside --out-dir, not the working directory");
    }

    @Test
    void repositoryCnnSection_runsQuickOnSyntheticData() {
        CliRun r =
                CliRun.of(
                        "bench",
                        "compress",
                        "--quick",
                        "--sections",
                        "cnn",
                        "--dataset",
                        "synthetic",
                        "--limit",
                        "600",
                        "--threads",
                        "1",
                        "--device",
                        "cpu");
        assertEquals(0, r.code(), r.text());
        String table = r.text().substring(r.text().indexOf("\ntechnique"));
        assertTrue(
                row(table, "fp32 baseline (2 ep, adam lr 0.001, cosine)").contains(" cnn "), table);
        String structured = row(table, "structured 50% filters (L1) + FT 1 ep");
        assertTrue(structured.contains("params "), structured);
        assertTrue(ratio(structured) > 3, structured);
    }

    @Test
    void help_saysWhereTheRecipesAre_withoutFormatWarnings() {
        CliRun r = CliRun.of("bench", "compress", "--help");
        assertEquals(0, r.code(), r.text());
        String flat = r.text().replaceAll("\\s+", " "); // help lines wrap at 80 columns
        assertTrue(
                flat.contains(
                        "The recipes (epochs, learning rates, ratios, bit widths, seeds) are in those files"),
                flat);
        assertTrue(flat.contains("at least 50% sparsity") && !flat.contains("WARN"), flat);
    }

    @Test
    void unknownSection_exits2NamingTheKnownOnes() {
        CliRun r = CliRun.of("bench", "compress", "--sections", "lenet5,resnet");
        assertEquals(2, r.code(), r.text());
        assertTrue(r.text().contains("--sections: unknown section 'resnet'"), r.text());
        assertTrue(r.text().contains("known: cnn, distill, lenet5"), r.text());
    }
}
