package dev.frontier.spec;

import java.util.List;

/**
 * One sweep axis of a {@link Sweep}: its name (used by {@code exclude} rules), where it was declared and its values.
 *
 * <p>Names are {@code kind.param} (e.g. {@code prune.ratio}); when a pass kind occurs more than once, later
 * occurrences are numbered from 2 ({@code finetune2.epochs}). The runtime axis is called {@code runtime}.
 *
 * @param name      the axis name
 * @param path      the key path of the parameter, e.g. {@code pipeline[1].prune.ratio}
 * @param passIndex the index of the pass in the pipeline, -1 for the runtime axis
 * @param param     the parameter's key in its pass ({@code ratio}), or {@code runtime}
 * @param values    the values swept, in order
 */
public record Axis(String name, String path, int passIndex, String param, List<?> values) {

    /** Copies the values. */
    public Axis {
        values = List.copyOf(values);
    }
}
