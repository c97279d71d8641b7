package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 0/1 masks over the weights of named layers. Applying them zeroes the pruned weights in place;
 * once zero, the training loop keeps them zero ({@link dev.frontier.train.ZeroGuard}), and gradual
 * pruning re-applies its current masks after every step ({@link PruningHooks}).
 */
public final class Masks implements AutoCloseable {
    private final Map<String, NDArray> masks;

    /** Masks by layer name; this object owns the arrays. */
    public Masks(Map<String, NDArray> masks) {
        this.masks = new LinkedHashMap<>(masks);
    }

    /** Multiplies every masked layer's weight by its mask. */
    public void apply(LayerMap layers) {
        for (Map.Entry<String, NDArray> e : masks.entrySet()) {
            layers.get(e.getKey()).weight().getArray().muli(e.getValue());
        }
    }

    /** The layers these masks cover. */
    public java.util.Set<String> layerNames() {
        return masks.keySet();
    }

    @Override
    public void close() {
        masks.values().forEach(NDArray::close);
    }
}
