package dev.frontier.exec.measure;

import dev.frontier.codec.format.ModelFileReader;
import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.ModelPacker;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.Sparsity;
import dev.frontier.compress.quant.FakeQuantModel;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.exec.stage.RunContext;
import dev.frontier.exec.store.StageStore;
import dev.frontier.model.FrontierModel;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.onnx.bench.LatencyBenchmark;
import dev.frontier.onnx.bench.LatencyResult;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.export.ExportedModel;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.onnx.quant.QuantPlan;
import dev.frontier.onnx.runtime.DjlRuntime;
import dev.frontier.onnx.runtime.OrtOptions;
import dev.frontier.onnx.runtime.OrtRuntime;
import dev.frontier.onnx.runtime.RuntimeAccuracy;
import dev.frontier.stats.McNemar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures every trial gets: test accuracy with its 95% Wilson interval, the drop vs the
 * baseline with McNemar's test, the size of the real model file, parameters, non-zeros, MACs,
 * latency and throughput on the runtime that really executes the model, and peak memory.
 */
public final class Measurer {
    /**
     * Every metric a measured trial reports (ONNX-only ones marked in the README); objectives and
     * constraints pick from these.
     */
    public static final java.util.List<String> METRICS =
            java.util.List.of(
                    "accuracy",
                    "accuracy_ci_low",
                    "accuracy_ci_high",
                    "accuracy_drop",
                    "mcnemar_p",
                    "drop_significant",
                    "size_bytes",
                    "dense_fp32_bytes",
                    "compression_ratio",
                    "bits_per_weight",
                    "params",
                    "nonzeros",
                    "sparsity",
                    "macs",
                    "macs_nonzero",
                    "accuracy_runtime",
                    "onnx_bytes",
                    "latency_p50_ms",
                    "latency_p95_ms",
                    "throughput_b64",
                    "peak_rss_mb",
                    "process_rss_mb",
                    "accuracy_std",
                    "sparsity_target",
                    "train_epochs",
                    "extra_epochs",
                    "baseline_pretrained");

    private final RunContext ctx;
    private final LatencyBenchmark bench;

    public Measurer(RunContext ctx, BenchSettings settings) {
        this.ctx = ctx;
        this.bench = new LatencyBenchmark(settings);
    }

    /**
     * What one measurement produced: metrics, string-valued facts, and the per-example correctness.
     */
    public record Measured(
            Map<String, Double> metrics, Map<String, String> facts, boolean[] correct) {}

    /**
     * Measures {@code model}; {@code modelFile} is its Frontier file (written into {@code outDir}
     * as fp32-with-sparse-positions when null); {@code baselineCorrect} is null when measuring the
     * baseline itself.
     */
    public Measured measure(
            FrontierModel model,
            Path modelFile,
            Path outDir,
            boolean[] baselineCorrect,
            double baselineAccuracy,
            String runtime,
            Optional<QuantSettings> quant,
            Map<String, QuantParams> activations)
            throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, String> facts = new LinkedHashMap<>();
        Evaluation e;
        if (activations.isEmpty()) {
            e =
                    new Evaluator(500)
                            .evaluate(
                                    model, ctx.data().test(), ctx.data().mean(), ctx.data().std());
        } else {
            try (FakeQuantModel staged = FakeQuantModel.quantized(model, activations)) {
                e =
                        new Evaluator(500)
                                .evaluate(
                                        staged.model(),
                                        ctx.data().test(),
                                        ctx.data().mean(),
                                        ctx.data().std());
            }
        }
        m.put("accuracy", e.accuracy().value());
        m.put("accuracy_ci_low", e.accuracy().low());
        m.put("accuracy_ci_high", e.accuracy().high());
        if (baselineCorrect != null) {
            McNemar test = McNemar.test(baselineCorrect, e.correct());
            m.put("accuracy_drop", 100 * (baselineAccuracy - e.accuracy().value()));
            m.put("mcnemar_p", test.pValue());
            m.put("drop_significant", test.significant(0.05) ? 1.0 : 0.0);
        } else {
            m.put("accuracy_drop", 0.0);
            m.put("mcnemar_p", 1.0);
            m.put("drop_significant", 0.0);
        }
        Path file = modelFile;
        if (file == null) {
            Files.createDirectories(outDir);
            file = outDir.resolve(StageStore.MODEL_FILE);
            ModelPacker.write(model, Map.of(), true, true, file);
        }
        SizeReport size = ModelFileReader.inspect(file);
        m.put("size_bytes", (double) size.fileBytes());
        m.put("dense_fp32_bytes", (double) size.denseFp32Bytes());
        m.put("compression_ratio", size.compressionRatio());
        m.put("bits_per_weight", size.bitsPerWeight());
        Sparsity sp = Sparsity.of(LayerMap.of(model.block()));
        m.put("params", (double) model.parameterCount());
        m.put("nonzeros", (double) (model.parameterCount() - sp.zeros()));
        m.put("sparsity", sp.ratio());
        Macs macs = Macs.of(model);
        m.put("macs", (double) macs.dense());
        m.put("macs_nonzero", (double) macs.nonZero());
        int threads =
                ctx.sweep().threads() > 0
                        ? ctx.sweep().threads()
                        : Runtime.getRuntime().availableProcessors();
        LatencyResult t;
        if ("onnxruntime".equals(runtime)) {
            QuantPlan plan = RuntimeChoice.plan(model, quant, activations);
            if ("int8".equals(plan.kernelPrecision()) && ctx.data().train().size() > 0) {
                // residual sums and global pooling run int8 too when their tensors have ranges
                // (min-max, 512 images)
                plan =
                        plan.withTensors(
                                ActivationCalibrator.standard()
                                        .tensorPoints(
                                                model,
                                                ctx.data().train(),
                                                ctx.data().mean(),
                                                ctx.data().std()));
            }
            ExportedModel exported =
                    (plan.isEmpty() ? OnnxExporter.fp32() : OnnxExporter.qdq(plan)).export(model);
            Path onnx = outDir.resolve("model.onnx");
            Files.createDirectories(outDir);
            exported.write(onnx);
            try (OrtRuntime rt = OrtRuntime.load(onnx, model.spec(), OrtOptions.threads(threads))) {
                t = bench.measure(rt);
                m.put(
                        "accuracy_runtime",
                        RuntimeAccuracy.evaluate(
                                        rt,
                                        ctx.data().test(),
                                        ctx.data().mean(),
                                        ctx.data().std(),
                                        256)
                                .value());
                facts.put("kernel_precision", rt.precision());
            }
            m.put("onnx_bytes", (double) Files.size(onnx));
            facts.put("onnx_file", onnx.toAbsolutePath().toString());
        } else {
            try (DjlRuntime rt = DjlRuntime.of(model, ctx.sweep().threads())) {
                t = bench.measure(rt);
                facts.put("kernel_precision", rt.precision());
            }
        }
        m.put("latency_p50_ms", t.p50Millis());
        m.put("latency_p95_ms", t.p95Millis());
        m.put("throughput_b64", t.imagesPerSecond());
        m.put("peak_rss_mb", PeakMemory.peakRssMb());
        m.put("process_rss_mb", PeakMemory.rssMb());
        facts.put("runtime", runtime);
        facts.put("model_file", file.toAbsolutePath().toString());
        facts.put("model", model.spec().canonical());
        return new Measured(m, facts, e.correct());
    }
}
