package dev.frontier.onnx.bench;

import java.util.Objects;

/**
 * The runtime benchmark of one model: ORT fp32, ORT int8 (QDQ), ORT fp32 of the structurally
 * 50%-pruned architecture, and DJL-PyTorch fp32, all from the same run, with the serialized sizes
 * of the two ORT files and the ratios the frontier's speed claims rest on.
 */
public record ModelBench(
        String model,
        String weights,
        LatencyResult ortFp32,
        LatencyResult ortInt8,
        LatencyResult ortPruned50,
        LatencyResult djlFp32,
        long fp32Bytes,
        long int8Bytes) {
    public ModelBench {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(ortFp32, "ortFp32");
        Objects.requireNonNull(ortInt8, "ortInt8");
        Objects.requireNonNull(ortPruned50, "ortPruned50");
        Objects.requireNonNull(djlFp32, "djlFp32");
        if (fp32Bytes < 1 || int8Bytes < 1) {
            throw new IllegalArgumentException("file sizes must be positive");
        }
    }

    /** fp32 p50 / int8 p50 at batch 1 (above 1: int8 is faster). */
    public double int8LatencySpeedup() {
        return ortFp32.p50Millis() / ortInt8.p50Millis();
    }

    /** int8 / fp32 images per second at the throughput batch. */
    public double int8ThroughputRatio() {
        return ortInt8.imagesPerSecond() / ortFp32.imagesPerSecond();
    }

    /** Structured-50% / full fp32 images per second on ORT. */
    public double pruned50ThroughputRatio() {
        return ortPruned50.imagesPerSecond() / ortFp32.imagesPerSecond();
    }

    /** ORT fp32 / DJL-PyTorch fp32 images per second. */
    public double ortOverDjlThroughputRatio() {
        return ortFp32.imagesPerSecond() / djlFp32.imagesPerSecond();
    }

    /** DJL-PyTorch p50 / ORT p50 at batch 1 (above 1: ORT is faster). */
    public double ortOverDjlLatencySpeedup() {
        return djlFp32.p50Millis() / ortFp32.p50Millis();
    }

    /** fp32 file size / int8 file size. */
    public double sizeRatio() {
        return (double) fp32Bytes / int8Bytes;
    }
}
