package dev.frontier.codec.format;

import dev.frontier.codec.quant.Precision;
import dev.frontier.codec.quant.QuantizedTensor;
import java.util.HashMap;
import java.util.Map;

/**
 * The order-0 entropy of what a model file must say about its integer tensors: for each quantized
 * tensor, which positions are non-zero ({@code n * H(density)} bits) plus the codes of the
 * non-zeros ({@code sum -log2 p(code)} bits, with the code frequencies of that tensor), plus its
 * scales and zero points as stored. Float tensors count at their stored width.
 *
 * <p>No coder that models each tensor's positions and codes as independent symbols (zstd's Huffman
 * stage, Deep Compression's Huffman coding, an arithmetic coder with per-tensor static frequencies)
 * can write these tensors in fewer bytes; headers, names and metadata come on top. It tells whether
 * a compression target is reachable by better coding at all, or needs a sparser or lower-bit model.
 */
public final class EntropyFloor {
    private EntropyFloor() {}

    /** The floor in bytes for the tensors of {@code file} (rounded up). */
    public static long bytes(ModelFile file) {
        double bits = 0;
        for (NamedTensor t : file.tensors()) {
            bits += bits(t);
        }
        return (long) Math.ceil(bits / 8);
    }

    /** The floor in bits for one tensor. */
    static double bits(NamedTensor t) {
        Precision p = t.encoding().precision();
        if (p instanceof Precision.Shared sh) {
            float[] v = sh.fakeQuantize(t.values(), t.shape());
            Map<Float, Integer> counts = new HashMap<>();
            int nonZeros = 0;
            for (float x : v) {
                if (!t.encoding().sparse() || x != 0f) {
                    counts.merge(x, 1, Integer::sum);
                }
                nonZeros += x != 0f ? 1 : 0;
            }
            double indexBits =
                    ByteEntropy.bits(
                            counts.values().stream().mapToLong(Integer::longValue).toArray());
            double codebookBits = counts.size() * (sh.halfCodebook() ? 16.0 : 32.0);
            return positionBits(v.length, nonZeros, t.encoding().sparse())
                    + indexBits
                    + codebookBits;
        }
        if (!(p instanceof Precision.Quantized q)) {
            int nonZeros = 0;
            for (float v : p.fakeQuantize(t.values(), t.shape())) {
                nonZeros += v != 0f ? 1 : 0;
            }
            long stored = t.encoding().sparse() ? nonZeros : t.values().length;
            return positionBits(t.values().length, nonZeros, t.encoding().sparse())
                    + stored * (double) p.bits();
        }
        QuantizedTensor codes = q.quantizer().quantize(t.values(), t.shape());
        Map<Integer, Integer> counts = new HashMap<>();
        int nonZeros = 0;
        int[] c = codes.codes();
        int[] zeroPoints = codes.zeroPoints();
        for (int i = 0; i < c.length; i++) {
            boolean isZero = c[i] == zeroPoints[codes.parameterIndexOf(i)];
            if (!t.encoding().sparse() || !isZero) {
                counts.merge(c[i], 1, Integer::sum);
                nonZeros += isZero ? 0 : 1;
            }
        }
        double codeBits =
                ByteEntropy.bits(counts.values().stream().mapToLong(Integer::longValue).toArray());
        double paramBits = codes.parameterCount() * (32.0 + (codes.symmetric() ? 0 : 8));
        return positionBits(c.length, nonZeros, t.encoding().sparse()) + codeBits + paramBits;
    }

    private static double positionBits(int length, int nonZeros, boolean sparse) {
        return sparse ? ByteEntropy.bits(new long[] {nonZeros, length - nonZeros}) : 0;
    }
}
