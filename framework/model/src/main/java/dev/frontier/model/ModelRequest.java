package dev.frontier.model;

import java.util.List;
import java.util.Map;

/**
 * What a {@link ModelProvider} builds for: the input of one example (channels, rows, columns), the
 * number of classes, the widths (the provider's {@link ModelProvider#baseWidths()} scaled or
 * pruned) and free-form arguments.
 */
public record ModelRequest(
        int channels,
        int rows,
        int cols,
        int classes,
        List<Integer> widths,
        Map<String, String> args) {
    public ModelRequest {
        widths = List.copyOf(widths);
        args = Map.copyOf(args);
    }

    /** The width at {@code index}; a provider asking past the end is told how many it was given. */
    public int width(int index) {
        if (index >= widths.size()) {
            throw new IllegalArgumentException(
                    "model needs width #" + index + " but was given " + widths);
        }
        return widths.get(index);
    }
}
