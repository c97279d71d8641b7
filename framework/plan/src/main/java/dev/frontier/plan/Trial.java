package dev.frontier.plan;

import dev.frontier.spec.Backend;
import dev.frontier.spec.Pass;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One point of the sweep: a concrete pipeline (every parameter fixed) and runtime.
 *
 * @param id 12 hex digits of SHA-256 over the effective configuration (not the seed); stable across
 *     runs
 * @param index position in sweep order, from 0
 * @param axisValues the chosen value of every sweep axis, by axis name, in axis order
 * @param pipeline the passes with all parameters fixed
 * @param runtime the runtime measured
 * @param seeds one seed per repeat: a pure function of (experiment seed, id, repeat index)
 * @param leafKeys one MEASURE stage key per repeat: the end of this trial's path in the stage tree
 */
public record Trial(
        String id,
        int index,
        Map<String, Object> axisValues,
        List<Pass> pipeline,
        Backend runtime,
        List<Long> seeds,
        List<String> leafKeys) {

    /** Copies the collections. */
    public Trial {
        Objects.requireNonNull(id, "id");
        axisValues =
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(axisValues));
        pipeline = List.copyOf(pipeline);
        seeds = List.copyOf(seeds);
        leafKeys = List.copyOf(leafKeys);
    }

    /** The seed of repeat {@code repeat}. */
    public long seed(int repeat) {
        return seeds.get(repeat);
    }
}
