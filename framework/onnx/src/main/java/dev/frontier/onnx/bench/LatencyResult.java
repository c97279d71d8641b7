package dev.frontier.onnx.bench;

import java.util.Objects;

/**
 * Measured speed of one model on one runtime: batch-1 latency percentiles in milliseconds and
 * throughput in images per second at {@code batch}, each the median over {@code repeats}; named by
 * runtime, kernel precision actually executed and intra-op threads.
 */
public record LatencyResult(
        String model,
        String runtime,
        String precision,
        int threads,
        double p50Millis,
        double p95Millis,
        double imagesPerSecond,
        int batch,
        int repeats) {
    public LatencyResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(precision, "precision");
        if (!(p50Millis > 0) || p95Millis < p50Millis || !(imagesPerSecond > 0)) {
            throw new IllegalArgumentException(
                    "need 0 < p50 <= p95 and throughput > 0, got p50="
                            + p50Millis
                            + " p95="
                            + p95Millis
                            + " img/s="
                            + imagesPerSecond);
        }
        if (threads < 1 || batch < 1 || repeats < 1) {
            throw new IllegalArgumentException("threads, batch and repeats must be >= 1");
        }
    }
}
