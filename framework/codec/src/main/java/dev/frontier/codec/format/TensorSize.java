package dev.frontier.codec.format;

import dev.frontier.codec.sparse.LayoutKind;
import java.util.Objects;

/**
 * Size of one stored tensor before entropy coding: its record bytes split into quantization
 * parameters (scales and zero points), sparse index and values, plus parameter and non-zero counts.
 */
public record TensorSize(
        String name,
        long parameterCount,
        long nonZeros,
        String encoding,
        LayoutKind layout,
        long recordBytes,
        long parameterBytes,
        long indexBytes,
        long valueBytes) {

    /** Validates counts are consistent and the parts fit in the record. */
    public TensorSize {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(layout, "layout");
        if (parameterCount < 0 || nonZeros < 0 || nonZeros > parameterCount) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': non-zeros "
                            + nonZeros
                            + " must be within 0.."
                            + parameterCount);
        }
        if (parameterBytes < 0
                || indexBytes < 0
                || valueBytes < 0
                || parameterBytes + indexBytes + valueBytes > recordBytes) {
            throw new IllegalArgumentException(
                    "tensor '"
                            + name
                            + "': parts "
                            + parameterBytes
                            + " + "
                            + indexBytes
                            + " + "
                            + valueBytes
                            + " exceed the record's "
                            + recordBytes
                            + " bytes");
        }
    }

    /** Dense fp32 bytes of this tensor, {@code 4 * parameterCount}. */
    public long denseFp32Bytes() {
        return 4 * parameterCount;
    }

    /** Record bits per element, before entropy coding. */
    public double bitsPerWeight() {
        return parameterCount == 0 ? 0 : recordBytes * 8.0 / parameterCount;
    }
}
