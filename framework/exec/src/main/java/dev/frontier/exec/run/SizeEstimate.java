package dev.frontier.exec.run;

import dev.frontier.compress.LayerMap;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Finetune;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Quantize;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A trial's file size before it is trained, from the sweep's model and the trial's passes: every
 * layer weight it keeps (magnitude pruning zeroes {@code ratio} of each pruned layer's weights) at
 * its bit width (the quantize pass's, a layer's override, else 32), plus where the kept weights of
 * a pruned layer are (its order-0 entropy, {@code n·H(density)} bits), other parameters at 32 bits.
 * Scales and the container add bytes and the coder may take some off; the estimate is compared only
 * with other trials' estimates (see {@link EarlyStopper}). Passes that change the model's shape or
 * choose widths at run time (structured pruning, low-rank, mixed precision, passes added by a jar)
 * make a trial's size unknown.
 */
final class SizeEstimate {

    private final Map<String, Long> weights = new LinkedHashMap<>();
    private final List<String> defaultExcluded;
    private final long otherParams;

    SizeEstimate(Map<String, Long> layerWeights, List<String> defaultExcluded, long allParams) {
        this.weights.putAll(layerWeights);
        this.defaultExcluded = List.copyOf(defaultExcluded);
        long w = layerWeights.values().stream().mapToLong(Long::longValue).sum();
        this.otherParams = Math.max(0, allParams - w);
    }

    /** The estimate for the model whose layers are {@code layers}, {@code allParams} in all. */
    static SizeEstimate of(LayerMap layers, long allParams) {
        Map<String, Long> w = new LinkedHashMap<>();
        layers.layers().forEach(l -> w.put(l.name(), l.weightCount()));
        return new SizeEstimate(w, layers.defaultExcluded(), allParams);
    }

    /** The uncompressed model: every parameter at 32 bits. */
    double dense() {
        return 4.0 * (otherParams + weights.values().stream().mapToLong(Long::longValue).sum());
    }

    /** The trial's estimated bytes, or empty when one of its passes makes the size unknown. */
    OptionalDouble bytes(Trial trial) {
        Map<String, Double> keep = new LinkedHashMap<>();
        Map<String, Integer> bits = new LinkedHashMap<>();
        weights.keySet().forEach(l -> keep.put(l, 1.0));
        weights.keySet().forEach(l -> bits.put(l, Quantize.REFERENCE_BITS));
        for (Pass p : trial.pipeline()) {
            if (p instanceof Prune prune) {
                if (prune.method().value() != Prune.Method.MAGNITUDE) {
                    return OptionalDouble.empty();
                }
                Set<String> skip =
                        new HashSet<>(
                                prune.exclude().isEmpty() ? defaultExcluded : prune.exclude());
                double r = prune.ratio().value();
                weights.keySet().stream()
                        .filter(l -> !skip.contains(l))
                        .forEach(l -> keep.put(l, Math.min(keep.get(l), 1 - r)));
            } else if (p instanceof Quantize q) {
                weights.keySet()
                        .forEach(l -> bits.put(l, q.overrides().getOrDefault(l, q.bits().value())));
            } else if (!(p instanceof Distill) && !(p instanceof Finetune)) {
                return OptionalDouble.empty();
            }
        }
        double bytes = 4.0 * otherParams;
        for (Map.Entry<String, Long> e : weights.entrySet()) {
            double d = keep.get(e.getKey());
            bytes += e.getValue() * (d * bits.get(e.getKey()) + entropyBits(d)) / 8.0;
        }
        return OptionalDouble.of(bytes);
    }

    /** Bits per weight to say which weights are kept at {@code density}: H(density). */
    static double entropyBits(double density) {
        if (density <= 0 || density >= 1) {
            return 0;
        }
        return -(density * Math.log(density) + (1 - density) * Math.log(1 - density)) / Math.log(2);
    }
}
