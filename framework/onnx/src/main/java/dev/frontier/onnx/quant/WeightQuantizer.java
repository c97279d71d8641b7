package dev.frontier.onnx.quant;

/**
 * Min-max quantization of a float weight tensor to int8 storage. Rounding is half-to-even, as in ONNX
 * {@code QuantizeLinear}. With symmetric per-channel settings the grid of a BatchNorm-folded weight is the
 * grid of the unfolded weight times the fold factor, so folding does not change which values are stored.
 */
public final class WeightQuantizer {
    private WeightQuantizer() {
    }

    /** Quantizes {@code w} (row-major, {@code shape[0]} output channels) with {@code q}. */
    public static QuantizedTensor quantize(float[] w, long[] shape, WeightQuant q) {
        int channels = q.perChannel() ? (int) shape[0] : 1;
        int per = w.length / channels;
        float[] scales = new float[channels];
        byte[] zps = new byte[channels];
        byte[] values = new byte[w.length];
        for (int c = 0; c < channels; c++) {
            float min = 0;
            float max = 0;
            for (int i = c * per; i < (c + 1) * per; i++) {
                min = Math.min(min, w[i]);
                max = Math.max(max, w[i]);
            }
            float scale;
            int zp;
            if (q.symmetric()) {
                scale = scaleOf(Math.max(-min, max), q.qmax());
                zp = 0;
            } else {
                scale = scaleOf(max - min, q.qmax() - q.qmin());
                zp = clamp((int) Math.rint(q.qmin() - min / scale), q.qmin(), q.qmax());
            }
            scales[c] = scale;
            zps[c] = (byte) zp;
            for (int i = c * per; i < (c + 1) * per; i++) {
                values[i] = (byte) clamp((int) Math.rint(w[i] / scale) + zp, q.qmin(), q.qmax());
            }
        }
        return new QuantizedTensor(values, scales, zps, shape.clone());
    }

    /** An all-zero channel (e.g. pruned) gets scale 1: any scale stores its zeros, and 1 keeps int32 biases in range. */
    private static float scaleOf(float range, int levels) {
        float s = range / levels;
        return s > 0 && Float.isFinite(s) ? s : 1f;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
