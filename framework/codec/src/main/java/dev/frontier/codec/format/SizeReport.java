package dev.frontier.codec.format;

import java.util.List;
import java.util.Locale;

/**
 * The true size of a written Frontier file next to its dense fp32 size: parameter count, non-zeros,
 * dense fp32 bytes, file bytes, compression ratio and bits per weight, with a per-tensor breakdown
 * (per-tensor bytes are before entropy coding; the file total is after).
 */
public record SizeReport(
        long fileBytes, boolean entropyCoded, long tensorSectionBytes, List<TensorSize> tensors) {

    /** Validates sizes are positive and copies the tensor list. */
    public SizeReport {
        tensors = List.copyOf(tensors);
        if (fileBytes <= 0) {
            throw new IllegalArgumentException("file bytes must be positive, got " + fileBytes);
        }
        if (tensorSectionBytes < 0) {
            throw new IllegalArgumentException(
                    "tensor section bytes must be >= 0, got " + tensorSectionBytes);
        }
    }

    /** Total number of elements over all tensors. */
    public long parameterCount() {
        return tensors.stream().mapToLong(TensorSize::parameterCount).sum();
    }

    /** Total number of non-zero elements (after quantization). */
    public long nonZeros() {
        return tensors.stream().mapToLong(TensorSize::nonZeros).sum();
    }

    /** Bytes of the same tensors as dense fp32, {@code 4 * parameterCount}. */
    public long denseFp32Bytes() {
        return 4 * parameterCount();
    }

    /** {@code denseFp32Bytes / fileBytes}: how many times smaller the file is than dense fp32. */
    public double compressionRatio() {
        return (double) denseFp32Bytes() / fileBytes;
    }

    /** File bits per parameter, {@code 8 * fileBytes / parameterCount} (headers included). */
    public double bitsPerWeight() {
        long params = parameterCount();
        return params == 0 ? 0 : 8.0 * fileBytes / params;
    }

    /** A plain-text table: one line per tensor, then the totals. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-28s %10s %10s %-26s %-14s %10s %8s%n",
                        "tensor",
                        "params",
                        "non-zeros",
                        "encoding",
                        "layout",
                        "bytes",
                        "bits/w"));
        for (TensorSize t : tensors) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-28s %10d %10d %-26s %-14s %10d %8.3f%n",
                            t.name(),
                            t.parameterCount(),
                            t.nonZeros(),
                            t.encoding(),
                            t.layout(),
                            t.recordBytes(),
                            t.bitsPerWeight()));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "total: %d params, %d non-zeros, dense fp32 %d B, file %d B%s, ratio %.2fx, %.3f bits/weight%n",
                        parameterCount(),
                        nonZeros(),
                        denseFp32Bytes(),
                        fileBytes,
                        entropyCoded
                                ? " (zstd, tensor section "
                                        + tensorSectionBytes
                                        + " B before coding)"
                                : "",
                        compressionRatio(),
                        bitsPerWeight()));
        return out.toString();
    }
}
