package dev.frontier.compress.sensitivity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.MagnitudePruner;
import dev.frontier.compress.Masks;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.WeightQuantizer;
import dev.frontier.data.ImageSet;
import dev.frontier.eval.Evaluator;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measures, for each layer alone, validation accuracy vs magnitude-pruning ratio and vs weight
 * bit-width (symmetric per-channel; every other layer stays fp32). The model is changed one layer
 * at a time and restored after each measurement, so it is left as it was given.
 *
 * @param layers layers to probe (empty = every conv/linear layer)
 * @param ratios pruning ratios in [0, 1) (empty = no pruning probe)
 * @param bits bit-widths 2..8 (empty = no bit-width probe)
 * @param batchSize evaluation batch size
 */
public record SensitivityAnalysis(
        List<String> layers, List<Double> ratios, List<Integer> bits, int batchSize) {

    public SensitivityAnalysis {
        layers = List.copyOf(layers);
        ratios = List.copyOf(ratios);
        bits = List.copyOf(bits);
        for (double r : ratios) {
            Limits.PRUNE_RATIO.check(r, "sensitivity pruning ratios");
        }
        for (int b : bits) {
            if (!Limits.isIntegerBits(b) || !Limits.isBits(b, true)) {
                throw new IllegalArgumentException(
                        "sensitivity bit-widths must be "
                                + Limits.MIN_SYMMETRIC_BITS
                                + ".."
                                + Limits.MAX_INTEGER_BITS
                                + " (symmetric), got "
                                + b);
            }
        }
        if (ratios.isEmpty() && bits.isEmpty()) {
            throw new IllegalArgumentException(
                    "nothing to measure: give pruning ratios, bit-widths or both");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
    }

    /** Every layer at ratios 0.3, 0.5, 0.7, 0.9 and 8, 4, 3, 2 bits. */
    public static SensitivityAnalysis standard() {
        return new SensitivityAnalysis(
                List.of(), List.of(0.3, 0.5, 0.7, 0.9), List.of(8, 4, 3, 2), 500);
    }

    /** Runs the probes on {@code validation} (pixels normalized with mean/std). */
    public SensitivityTable run(FrontierModel model, ImageSet validation, float mean, float std) {
        Objects.requireNonNull(model, "model");
        if (validation.size() == 0) {
            throw new IllegalArgumentException(
                    "sensitivity analysis needs a non-empty validation set");
        }
        LayerMap map = LayerMap.of(model.block());
        List<String> probed = layers.isEmpty() ? map.names() : layers;
        for (String l : probed) {
            map.get(l);
        }
        Evaluator evaluator = new Evaluator(batchSize);
        double baseline = evaluator.evaluate(model, validation, mean, std).accuracy().value();
        List<SensitivityTable.Row> rows = new ArrayList<>();
        for (String layer : probed) {
            NDArray weight = map.get(layer).weight().getArray();
            float[] original = weight.toFloatArray();
            List<String> others = map.names().stream().filter(n -> !n.equals(layer)).toList();
            for (double ratio : ratios) {
                try (NDManager scope = model.djlModel().getNDManager().newSubManager();
                        Masks masks =
                                new MagnitudePruner(MagnitudePruner.Scope.LAYER, others)
                                        .masks(map, ratio, scope)) {
                    masks.apply(map);
                }
                rows.add(
                        row(
                                layer,
                                SensitivityTable.Probe.PRUNE,
                                ratio,
                                baseline,
                                evaluator,
                                model,
                                validation,
                                mean,
                                std));
                weight.set(FloatBuffer.wrap(original));
            }
            for (int b : bits) {
                WeightQuantizer.apply(
                        model, QuantSettings.weights(32).withOverrides(Map.of(layer, b)));
                rows.add(
                        row(
                                layer,
                                SensitivityTable.Probe.BITS,
                                b,
                                baseline,
                                evaluator,
                                model,
                                validation,
                                mean,
                                std));
                weight.set(FloatBuffer.wrap(original));
            }
        }
        return new SensitivityTable(baseline, rows);
    }

    private static SensitivityTable.Row row(
            String layer,
            SensitivityTable.Probe probe,
            double setting,
            double baseline,
            Evaluator evaluator,
            FrontierModel model,
            ImageSet validation,
            float mean,
            float std) {
        double acc = evaluator.evaluate(model, validation, mean, std).accuracy().value();
        return new SensitivityTable.Row(layer, probe, setting, acc, baseline - acc);
    }
}
