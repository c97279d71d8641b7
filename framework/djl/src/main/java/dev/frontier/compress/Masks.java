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

    /**
     * Masks that keep today's zero weights at zero, for every layer: fine-tuning an already pruned model
     * (e.g. a later {@code finetune} pass) must not regrow it. The arrays live in {@code manager}.
     */
    public static Masks keepingZeros(LayerMap layers, ai.djl.ndarray.NDManager manager) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (LayerMap.Layer l : layers.layers()) {
            NDArray mask = l.weight().getArray().neq(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            mask.attach(manager);
            m.put(l.name(), mask);
        }
        return new Masks(m);
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
