package dev.frontier.onnx.runtime;

import java.util.Map;

/**
 * Session settings for ONNX Runtime: intra-op threads (0 = ORT's default, one per core) and whether
 * graph optimizations run (they must for QDQ models to execute on int8 kernels).
 */
public record OrtOptions(int intraOpThreads, boolean optimize) {
    public OrtOptions {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException(
                    "intraOpThreads must be >= 0 (0 = ORT default), got " + intraOpThreads);
        }
    }

    /** {@code threads} intra-op threads, all graph optimizations on. */
    public static OrtOptions threads(int threads) {
        return new OrtOptions(threads, true);
    }

    /**
     * The load options of DJL's OnnxRuntime engine. Both thread counts are set: DJL 0.35's {@code
     * OrtModel} applies {@code intraOpNumThreads} only when {@code interOpNumThreads} is present.
     */
    Map<String, String> djlLoadOptions() {
        return Map.of(
                "interOpNumThreads",
                "1",
                "intraOpNumThreads",
                Integer.toString(intraOpThreads),
                "executionMode",
                "SEQUENTIAL",
                "optLevel",
                optimize ? "ALL_OPT" : "NO_OPT");
    }

    /**
     * Threads as reported in results: the configured count, or the core count for ORT's default.
     */
    int effectiveThreads() {
        return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
    }
}
