package dev.frontier.model;

import ai.djl.nn.Block;
import dev.frontier.zoo.ModelEntry;
import java.util.List;

/**
 * A model Frontier can build: a name, a description and a factory from a {@link ModelRequest}
 * (input shape, classes, widths, arguments) to a fresh DJL {@link Block} made of DJL's standard
 * layers. Registered like DJL's {@code ZooProvider}: list the class in {@code
 * META-INF/services/dev.frontier.zoo.ModelEntry}. Nothing else in Frontier knows a model by name:
 * layers are found by walking the block tree.
 */
public interface ModelProvider extends ModelEntry {
    /**
     * The model's adjustable widths at multiplier 1 (channels or units), in the order {@link
     * #build} receives them in {@link ModelRequest#widths()}. Structured pruning shrinks these; a
     * model without widths (empty list) can be compressed in every other way.
     */
    default List<Integer> baseWidths() {
        return List.of();
    }

    /** A fresh, uninitialized block for {@code request}. */
    Block build(ModelRequest request);
}
