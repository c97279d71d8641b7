package dev.frontier.codec.format;

import dev.frontier.codec.quant.Granularity;
import dev.frontier.codec.quant.Precision;
import dev.frontier.codec.quant.RangeFit;
import java.util.Objects;

/**
 * How one tensor is stored: its {@link Precision} (fp32, fp16 or n-bit integer codes) and whether
 * zeros may be left out through a sparse position encoding (the writer then picks bitmask, relative
 * index or dense, whichever is smallest for that tensor).
 *
 * <p>Per-channel quantization of a rank-1 tensor (a bias) gives every element its own scale, which
 * is legal but larger than per-tensor; callers usually quantize biases per tensor.
 */
public record TensorEncoding(Precision precision, boolean sparse) {

    /** Validates the precision is present. */
    public TensorEncoding {
        Objects.requireNonNull(precision, "precision");
    }

    /** Dense fp32, the reference. */
    public static TensorEncoding fp32() {
        return new TensorEncoding(Precision.fp32(), false);
    }

    /** Dense IEEE half. */
    public static TensorEncoding fp16() {
        return new TensorEncoding(Precision.fp16(), false);
    }

    /** Dense integer codes of {@code bits} (1..8) with scales and zero points. */
    public static TensorEncoding quantized(int bits, boolean symmetric, boolean perChannel) {
        return new TensorEncoding(
                Precision.quantized(
                        bits,
                        symmetric,
                        perChannel ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR),
                false);
    }

    /**
     * Weight sharing: a codebook of at most {@code 2^indexBits} values (fp16 when {@code
     * halfCodebook}, else fp32) and one index per stored element.
     */
    public static TensorEncoding shared(int indexBits, boolean halfCodebook) {
        return new TensorEncoding(Precision.shared(indexBits, halfCodebook), false);
    }

    /** The encoding for a sweep bit-width: 32 fp32, 16 fp16, 1..8 integer codes. */
    public static TensorEncoding ofBits(int bits, boolean symmetric, boolean perChannel) {
        return new TensorEncoding(
                Precision.ofBits(
                        bits,
                        symmetric,
                        perChannel ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR),
                false);
    }

    /**
     * As {@link #ofBits(int, boolean, boolean)}, integer widths fitting their ranges by {@code
     * fit}.
     */
    public static TensorEncoding ofBits(
            int bits, boolean symmetric, boolean perChannel, RangeFit fit) {
        return new TensorEncoding(
                Precision.ofBits(
                        bits,
                        symmetric,
                        perChannel ? Granularity.PER_CHANNEL : Granularity.PER_TENSOR,
                        fit),
                false);
    }

    /** This encoding with the sparse position encoding switched on or off. */
    public TensorEncoding withSparse(boolean enabled) {
        return new TensorEncoding(precision, enabled);
    }

    /** The floats a reader returns for {@code values} stored with this encoding. */
    public float[] fakeQuantize(float[] values, int[] shape) {
        return precision.fakeQuantize(values, shape);
    }

    /** A short description such as {@code int4 sym per-channel sparse}. */
    public String describe() {
        String base;
        if (precision instanceof Precision.Quantized q) {
            base =
                    "int"
                            + q.bits()
                            + (q.quantizer().symmetric() ? " sym" : " asym")
                            + (q.quantizer().granularity() == Granularity.PER_CHANNEL
                                    ? " per-channel"
                                    : " per-tensor")
                            + (q.quantizer().fit() == RangeFit.MSE ? " mse" : "");
        } else if (precision instanceof Precision.Shared s) {
            base = "shared" + s.indexBits() + (s.halfCodebook() ? " fp16-codebook" : "");
        } else {
            base = "fp" + precision.bits();
        }
        return sparse ? base + " sparse" : base;
    }
}
