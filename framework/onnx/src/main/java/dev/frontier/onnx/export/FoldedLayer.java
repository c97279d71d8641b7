package dev.frontier.onnx.export;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.frontier.compress.LayerMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The weights and bias of one convolution or linear layer as exported: read from the DJL parameters
 * and, when a BatchNorm follows, folded with its running statistics ({@code w' = w * g / sqrt(v +
 * eps)}, {@code b' = (b - m) * g / sqrt(v + eps) + beta}), computed in double.
 */
record FoldedLayer(float[] weight, long[] shape, float[] bias, boolean foldedBatchNorm) {
    /** DJL's default BatchNorm epsilon; DJL exposes no getter and the zoo keeps the default. */
    static final double BATCH_NORM_EPSILON = 1e-5;

    static FoldedLayer of(LayerMap.Layer layer, BatchNorm bn) {
        float[] w = layer.weight().getArray().toFloatArray();
        long[] shape = layer.weight().getArray().getShape().getShape();
        int out = (int) shape[0];
        float[] b = layer.bias().map(p -> p.getArray().toFloatArray()).orElse(new float[out]);
        if (bn == null) {
            return new FoldedLayer(w, shape, b, false);
        }
        Map<String, float[]> p = new HashMap<>();
        for (Pair<String, Parameter> pair : bn.getDirectParameters()) {
            p.put(pair.getKey(), pair.getValue().getArray().toFloatArray());
        }
        float[] gamma = p.get("gamma");
        float[] beta = p.get("beta");
        float[] mean = p.get("runningMean");
        float[] var = p.get("runningVar");
        if (mean == null || var == null || mean.length != out) {
            throw new UnsupportedLayerException(
                    layer.name() + "+BatchNorm",
                    "BatchNorm",
                    "expected running statistics for " + out + " channels, found " + p.keySet());
        }
        int per = w.length / out;
        float[] fw = new float[w.length];
        float[] fb = new float[out];
        for (int c = 0; c < out; c++) {
            double g = gamma == null ? 1 : gamma[c];
            double k = g / Math.sqrt(var[c] + BATCH_NORM_EPSILON);
            for (int i = c * per; i < (c + 1) * per; i++) {
                fw[i] = (float) (w[i] * k);
            }
            fb[c] = (float) ((b[c] - mean[c]) * k + (beta == null ? 0 : beta[c]));
        }
        return new FoldedLayer(fw, shape, fb, true);
    }

    /**
     * This convolution as a 1x1 convolution over its input's patch columns: filter [O, C, kh, kw]
     * becomes [O, channels, 1, 1] with weight {@code w[o][c][ky][kx]} at input channel {@code (ky *
     * kw + kx) * C + c}, zeros beyond {@code C * kh * kw}; fed the patches in that order, it
     * computes the same outputs.
     */
    FoldedLayer asPatchColumns(int channels) {
        if (shape.length != 4 || channels < shape[1] * shape[2] * shape[3]) {
            throw new IllegalArgumentException(
                    "cannot lay "
                            + java.util.Arrays.toString(shape)
                            + " out as "
                            + channels
                            + " patch columns");
        }
        int out = (int) shape[0];
        int in = (int) shape[1];
        int kh = (int) shape[2];
        int kw = (int) shape[3];
        float[] w = new float[out * channels];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        w[o * channels + (ky * kw + kx) * in + c] =
                                weight[((o * in + c) * kh + ky) * kw + kx];
                    }
                }
            }
        }
        return new FoldedLayer(w, new long[] {out, channels, 1, 1}, bias, foldedBatchNorm);
    }

    static boolean isWeightLayer(Block b) {
        return b instanceof ai.djl.nn.convolutional.Conv2d || b instanceof ai.djl.nn.core.Linear;
    }
}
