package dev.frontier.exec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.Masks;
import java.util.LinkedHashMap;
import java.util.Map;

/** Masks that keep today's zero weights at zero: fine-tuning a pruned model must not regrow it. */
final class ZeroMasks {
    private ZeroMasks() {
    }

    static Masks of(LayerMap layers, NDManager manager) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (LayerMap.Layer l : layers.layers()) {
            NDArray w = l.weight().getArray();
            NDArray mask = w.neq(0).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
            mask.attach(manager);
            m.put(l.name(), mask);
        }
        return new Masks(m);
    }
}
