package dev.frontier.onnx.bench;

/**
 * How long to measure: warm-up calls, batch-1 calls per repeat (for p50/p95), the throughput batch
 * size and calls per repeat, and the number of repeats whose median is reported.
 */
public record BenchSettings(
        int warmup, int latencyCalls, int throughputBatch, int throughputCalls, int repeats) {
    public BenchSettings {
        if (warmup < 0
                || latencyCalls < 1
                || throughputBatch < 1
                || throughputCalls < 1
                || repeats < 1) {
            throw new IllegalArgumentException(
                    "need warmup >= 0 and latencyCalls, throughputBatch, throughputCalls, repeats >= 1; got "
                            + warmup
                            + ", "
                            + latencyCalls
                            + ", "
                            + throughputBatch
                            + ", "
                            + throughputCalls
                            + ", "
                            + repeats);
        }
    }

    /** 50 warm-up calls, 300 batch-1 calls and 40 batch-64 calls per repeat, 5 repeats. */
    public static BenchSettings standard() {
        return new BenchSettings(50, 300, 64, 40, 5);
    }

    /**
     * A short run for tests and smoke checks: 5 warm-up, 20 batch-1 and 3 batch-64 calls, 3
     * repeats.
     */
    public static BenchSettings quick() {
        return new BenchSettings(5, 20, 64, 3, 3);
    }
}
