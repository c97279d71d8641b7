package dev.frontier.compress;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of zero and total weights per layer and overall (biases and BatchNorm excluded). */
public record Sparsity(Map<String, long[]> perLayer, long zeros, long total) {

    /** Measures the current weights. */
    public static Sparsity of(LayerMap layers) {
        Map<String, long[]> per = new LinkedHashMap<>();
        long z = 0;
        long t = 0;
        for (LayerMap.Layer l : layers.layers()) {
            float[] w = l.weight().getArray().toFloatArray();
            long zeros = 0;
            for (float v : w) {
                if (v == 0f) {
                    zeros++;
                }
            }
            per.put(l.name(), new long[] {zeros, w.length});
            z += zeros;
            t += w.length;
        }
        return new Sparsity(per, z, t);
    }

    /** Fraction of zero weights overall. */
    public double ratio() {
        return total == 0 ? 0 : (double) zeros / total;
    }

    /** Fraction of zero weights in one layer. */
    public double ratio(String layer) {
        long[] zt = perLayer.get(layer);
        return (double) zt[0] / zt[1];
    }
}
