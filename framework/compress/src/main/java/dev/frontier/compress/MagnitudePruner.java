package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.frontier.limits.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Unstructured magnitude pruning: the smallest-|w| weights are set to zero, either the same
 * fraction of each layer ({@link Scope#LAYER}) or a fraction of all included weights pooled
 * together ({@link Scope#GLOBAL}). Exactly {@code round(ratio * n)} weights are pruned per scope.
 */
public final class MagnitudePruner {
    /** Where the ratio applies. */
    public enum Scope {
        LAYER,
        GLOBAL
    }

    private final Scope scope;
    private final List<String> excluded;

    /** A pruner for the given scope, leaving the named layers dense. */
    public MagnitudePruner(Scope scope, List<String> excluded) {
        this.scope = scope;
        this.excluded = List.copyOf(excluded);
    }

    /**
     * Computes masks at {@code ratio} in [0, 1) for the model's weights; the arrays live in {@code
     * manager}.
     */
    public Masks masks(LayerMap layers, double ratio, NDManager manager) {
        Limits.PRUNE_RATIO.check(ratio, "pruning ratio");
        for (String ex : excluded) {
            layers.get(ex); // unknown names fail here with the list of valid ones
        }
        List<LayerMap.Layer> included = new ArrayList<>();
        for (LayerMap.Layer l : layers.layers()) {
            if (!excluded.contains(l.name())) {
                included.add(l);
            }
        }
        if (included.isEmpty()) {
            throw new IllegalArgumentException(
                    "every layer is excluded from pruning; layers are " + layers.names());
        }
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (LayerMap.Layer l : included) {
            weights.put(l.name(), l.weight().getArray().toFloatArray());
        }
        Map<String, boolean[]> keep = new LinkedHashMap<>();
        if (scope == Scope.LAYER) {
            for (Map.Entry<String, float[]> e : weights.entrySet()) {
                keep.put(e.getKey(), keepLargest(List.of(e.getValue()), ratio).get(0));
            }
        } else {
            List<boolean[]> k = keepLargest(new ArrayList<>(weights.values()), ratio);
            int i = 0;
            for (String name : weights.keySet()) {
                keep.put(name, k.get(i++));
            }
        }
        Map<String, NDArray> masks = new LinkedHashMap<>();
        for (LayerMap.Layer l : included) {
            boolean[] k = keep.get(l.name());
            float[] m = new float[k.length];
            int kept = 0;
            for (int j = 0; j < k.length; j++) {
                m[j] = k[j] ? 1f : 0f;
                kept += k[j] ? 1 : 0;
            }
            if (kept == 0) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "%s pruning at ratio %.3f would remove every weight of layer %s; exclude it or lower the ratio",
                                scope.name().toLowerCase(Locale.ROOT),
                                ratio,
                                l.name()));
            }
            masks.put(l.name(), manager.create(m, l.weight().getArray().getShape()));
        }
        return new Masks(masks);
    }

    /**
     * Keep flags for the pooled arrays: exactly round(ratio * total) smallest-|w| entries are
     * dropped.
     */
    static List<boolean[]> keepLargest(List<float[]> arrays, double ratio) {
        int total = arrays.stream().mapToInt(a -> a.length).sum();
        int prune = (int) Math.round(ratio * total);
        float[] mags = new float[total];
        int p = 0;
        for (float[] a : arrays) {
            for (float v : a) {
                mags[p++] = Math.abs(v);
            }
        }
        float threshold = Float.NEGATIVE_INFINITY;
        if (prune > 0) {
            float[] sorted = mags.clone();
            Arrays.sort(sorted);
            threshold = sorted[prune - 1];
        }
        // strictly below the threshold: pruned; equal to it: pruned until the count is reached
        int below = 0;
        for (float m : mags) {
            if (m < threshold) {
                below++;
            }
        }
        int tiesToPrune = prune - below;
        List<boolean[]> out = new ArrayList<>();
        for (float[] a : arrays) {
            boolean[] k = new boolean[a.length];
            for (int j = 0; j < a.length; j++) {
                float m = Math.abs(a[j]);
                if (m < threshold) {
                    k[j] = false;
                } else if (m == threshold && tiesToPrune > 0) {
                    k[j] = false;
                    tiesToPrune--;
                } else {
                    k[j] = true;
                }
            }
            out.add(k);
        }
        return out;
    }
}
