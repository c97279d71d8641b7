package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 0/1 masks over the weights of named layers. Applying them zeroes the pruned weights in place; a
 * fine-tuning loop re-applies them after every optimizer step (Adam's moments would revive them).
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
