package dev.frontier.onnx.bench;

import ai.djl.Device;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.export.ExportedModel;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.quant.WeightQuant;
import dev.frontier.onnx.runtime.DjlRuntime;
import dev.frontier.onnx.runtime.OrtOptions;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code bench runtime}: per model, ORT fp32 vs ORT int8 (QDQ, min-max calibrated) latency at batch
 * 1 and throughput at batch 64, the structurally 50%-pruned architecture vs the full one, and ORT
 * vs DJL-PyTorch in fp32 — all measured interleaved in one run, with ratios printed.
 */
public final class RuntimeBench {
    private RuntimeBench() {}

    /** Command-line entry: prints the table; exit 2 on bad options, 1 on a runtime failure. */
    public static void main(String[] args) {
        RuntimeBenchConfig config;
        try {
            config = RuntimeBenchConfig.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run(config, System.out);
        } catch (IOException | RuntimeException e) {
            System.err.println("bench runtime failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs the benchmark for every configured model, printing progress and the table to {@code
     * out}.
     */
    public static List<ModelBench> run(RuntimeBenchConfig config, PrintStream out)
            throws IOException {
        EngineSetup.start(config.threads());
        Path dir = Files.createTempDirectory("frontier-bench");
        try {
            DataRequest r = DataRequest.of("synthetic").withLimit(600);
            DataSplits calibration = Datasets.standard(r, s -> {}).load(r);
            List<ModelBench> results = new ArrayList<>();
            for (String name : config.models()) {
                results.add(benchModel(name, config, calibration, dir, out));
            }
            print(results, config, out);
            return results;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static ModelBench benchModel(
            String name, RuntimeBenchConfig config, DataSplits cal, Path dir, PrintStream out)
            throws IOException {
        out.println("exporting " + name + " ...");
        try (FrontierModel model = open(name, config);
                FrontierModel pruned =
                        FrontierModel.create(halved(model.spec()), Device.cpu(), config.seed())) {
            String weights =
                    config.checkpoint()
                            .map(
                                    p ->
                                            "checkpoint "
                                                    + p
                                                    + "; structured-50% variant randomly initialized")
                            .orElse(
                                    "random init (seed "
                                            + config.seed()
                                            + "); timing does not depend on weight values");
            ExportedModel fp32 = OnnxExporter.fp32().export(model);
            QuantPlan plan =
                    ActivationCalibrator.standard()
                            .plan(
                                    model,
                                    cal.validation(),
                                    cal.mean(),
                                    cal.std(),
                                    WeightQuant.int8());
            ExportedModel int8 = OnnxExporter.qdq(plan).export(model);
            ExportedModel small = OnnxExporter.fp32().export(pruned);
            OrtOptions options = OrtOptions.threads(config.threads());
            try (OrtRuntime a =
                            OrtRuntime.load(
                                    fp32.write(dir.resolve(name + "-fp32.onnx")),
                                    model.spec(),
                                    options);
                    OrtRuntime b =
                            OrtRuntime.load(
                                    int8.write(dir.resolve(name + "-int8.onnx")),
                                    model.spec(),
                                    options);
                    OrtRuntime c =
                            OrtRuntime.load(
                                    small.write(dir.resolve(name + "-pruned50.onnx")),
                                    pruned.spec(),
                                    options);
                    DjlRuntime d = DjlRuntime.of(model, config.threads())) {
                out.println(
                        "timing "
                                + name
                                + " (ORT kernels of int8 model: "
                                + b.kernels().opCounts()
                                + ") ...");
                List<LatencyResult> rs =
                        new LatencyBenchmark(config.settings())
                                .measureInterleaved(List.of(a, b, c, d));
                return new ModelBench(
                        name,
                        weights,
                        rs.get(0),
                        rs.get(1),
                        rs.get(2),
                        rs.get(3),
                        fp32.sizeBytes(),
                        int8.sizeBytes());
            }
        }
    }

    private static FrontierModel open(String name, RuntimeBenchConfig config) throws IOException {
        if (config.checkpoint().isEmpty()) {
            return FrontierModel.create(ModelSpec.of(name, 1), Device.cpu(), config.seed());
        }
        Path file = config.checkpoint().get();
        ModelSpec stored = Checkpoint.readSpec(file);
        if (!stored.name().equals(name)) {
            throw new IllegalArgumentException(
                    file
                            + " holds a "
                            + stored.canonical()
                            + " model, not "
                            + name
                            + "; pass --model "
                            + stored.name()
                            + " or another checkpoint");
        }
        return Checkpoint.load(file, Device.cpu(), Optional.of(stored));
    }

    /** The architecture with every hidden width halved: what 50% structured pruning leaves. */
    static ModelSpec halved(ModelSpec spec) {
        return spec.withHidden(
                spec.effectiveHidden().stream().map(h -> Math.max(1, h / 2)).toList());
    }

    private static void print(
            List<ModelBench> results, RuntimeBenchConfig config, PrintStream out) {
        BenchSettings s = config.settings();
        out.println();
        out.printf(
                Locale.ROOT,
                "Runtime benchmark: %d intra-op thread(s); p50/p95 over %d batch-1 calls, throughput over %d calls "
                        + "at batch %d; median of %d interleaved repeats.%n",
                config.threads(),
                s.latencyCalls(),
                s.throughputCalls(),
                s.throughputBatch(),
                s.repeats());
        out.println(
                "int8 = QDQ export (weights int8 symmetric per-channel, activations uint8 min-max calibrated on 512 synthetic "
                        + "images); 'kernels' is what ONNX Runtime's optimized graph actually runs.");
        out.printf(
                Locale.ROOT,
                "%-7s %-15s %-12s %-7s %7s %9s %9s %11s%n",
                "model",
                "variant",
                "runtime",
                "kernels",
                "threads",
                "p50 ms",
                "p95 ms",
                "img/s@" + s.throughputBatch());
        for (ModelBench b : results) {
            row(out, b.model(), "fp32", b.ortFp32());
            row(out, b.model(), "int8", b.ortInt8());
            row(out, b.model(), "structured-50%", b.ortPruned50());
            row(out, b.model(), "fp32", b.djlFp32());
        }
        out.println();
        for (ModelBench b : results) {
            out.printf(Locale.ROOT, "%s (%s)%n", b.model(), b.weights());
            out.printf(
                    Locale.ROOT,
                    "  ORT int8 vs fp32:          p50 speed-up %.2fx, throughput %.2fx, file %.1f KB vs %.1f KB (%.2fx smaller)%n",
                    b.int8LatencySpeedup(),
                    b.int8ThroughputRatio(),
                    b.int8Bytes() / 1024.0,
                    b.fp32Bytes() / 1024.0,
                    b.sizeRatio());
            out.printf(
                    Locale.ROOT,
                    "  structured-50%% vs full:    throughput %.2fx (fp32, ORT; hidden widths %s)%n",
                    b.pruned50ThroughputRatio(),
                    b.ortPruned50().model().replaceAll(".*hidden=", ""));
            out.printf(
                    Locale.ROOT,
                    "  ORT fp32 vs DJL-PyTorch:   throughput %.2fx, p50 speed-up %.2fx%n",
                    b.ortOverDjlThroughputRatio(),
                    b.ortOverDjlLatencySpeedup());
        }
    }

    private static void row(PrintStream out, String model, String variant, LatencyResult r) {
        out.printf(
                Locale.ROOT,
                "%-7s %-15s %-12s %-7s %7d %9.3f %9.3f %11.0f%n",
                model,
                variant,
                r.runtime(),
                r.precision(),
                r.threads(),
                r.p50Millis(),
                r.p95Millis(),
                r.imagesPerSecond());
    }
}
