package dev.frontier.cli;

import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.onnx.bench.RuntimeBench;
import dev.frontier.onnx.bench.RuntimeBenchConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frontier bench runtime}: per model, ONNX Runtime fp32 vs QDQ int8 (p50 latency at batch 1,
 * throughput at batch 64), the structurally 50%-pruned architecture vs the full one, and ORT vs
 * DJL-PyTorch in fp32 — measured interleaved in one run by {@link RuntimeBench}, with the ratios
 * printed.
 */
@Command(
        name = "runtime",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "ONNX Runtime fp32 vs int8 vs structured-50%% vs DJL-PyTorch: p50 latency, throughput and ratios.")
public final class BenchRuntimeCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            split = ",",
            defaultValue = "lenet5,cnn",
            description = "zoo model(s), comma-separated or repeated (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(
            names = "--threads",
            defaultValue = "1",
            description = "intra-op threads of both runtimes (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(
            names = "--checkpoint",
            description =
                    "trained weights of the one --model (default: seeded random weights, which time the same)")
    Path checkpoint;

    @Option(
            names = "--repeats",
            description =
                    "interleaved repeats whose median is reported (default: 5, or 3 with --quick)")
    Integer repeats;

    @Option(
            names = "--quick",
            description = "a short smoke run (20 batch-1 and 3 batch-64 calls per repeat)")
    boolean quick;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of the random weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        RuntimeBenchConfig config;
        try {
            config =
                    new RuntimeBenchConfig(
                            models, threads, Optional.ofNullable(checkpoint), settings(), seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        try {
            RuntimeBench.run(config, System.out);
        } catch (IOException e) {
            throw new UncheckedIOException("bench runtime failed: " + e.getMessage(), e);
        }
        return 0;
    }

    private BenchSettings settings() {
        BenchSettings s = quick ? BenchSettings.quick() : BenchSettings.standard();
        return repeats == null
                ? s
                : new BenchSettings(
                        s.warmup(),
                        s.latencyCalls(),
                        s.throughputBatch(),
                        s.throughputCalls(),
                        repeats);
    }
}
