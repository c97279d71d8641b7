package dev.frontier.onnx.runtime;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operators left in a graph after ONNX Runtime's optimizations, and from them the kernel
 * precision of its convolutions and matrix products: {@code int8} when all run on integer kernels,
 * {@code fp32} when none do, {@code mixed} otherwise.
 */
public record KernelReport(Map<String, Integer> opCounts) {
    /** Integer convolution/matrix-product kernels. */
    public static final Set<String> INT8_OPS =
            Set.of(
                    "QLinearConv",
                    "QGemm",
                    "QLinearMatMul",
                    "ConvInteger",
                    "MatMulInteger",
                    "MatMulIntegerToFloat",
                    "DynamicQuantizeMatMul");

    /** Float convolution/matrix-product kernels. */
    public static final Set<String> FP32_OPS =
            Set.of("Conv", "FusedConv", "Gemm", "FusedGemm", "MatMul", "FusedMatMul");

    public KernelReport {
        Objects.requireNonNull(opCounts, "opCounts");
        opCounts = java.util.Collections.unmodifiableMap(new TreeMap<>(opCounts));
    }

    /** Number of integer convolution/matrix-product nodes. */
    public int int8Kernels() {
        return count(INT8_OPS);
    }

    /** Number of float convolution/matrix-product nodes. */
    public int fp32Kernels() {
        return count(FP32_OPS);
    }

    /** {@code int8}, {@code fp32} or {@code mixed}. */
    public String kernelPrecision() {
        if (int8Kernels() == 0) {
            return "fp32";
        }
        return fp32Kernels() == 0 ? "int8" : "mixed";
    }

    private int count(Set<String> ops) {
        return opCounts.entrySet().stream()
                .filter(e -> ops.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }
}
