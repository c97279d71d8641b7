package dev.frontier.compress.sensitivity;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a {@link SensitivityAnalysis}: the baseline validation accuracy and one row per
 * (layer, probe, setting) with the accuracy measured when only that layer was changed.
 */
public record SensitivityTable(double baseline, List<Row> rows) {

    /** What was done to the layer. */
    public enum Probe {
        PRUNE,
        BITS
    }

    /**
     * One measurement: {@code setting} is the pruning ratio or the bit-width; {@code drop} is
     * {@code baseline - accuracy} (negative when the change helped).
     */
    public record Row(String layer, Probe probe, double setting, double accuracy, double drop) {
        public Row {
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(probe, "probe");
            if (!(accuracy >= 0 && accuracy <= 1)) {
                throw new IllegalArgumentException(
                        "accuracy of layer " + layer + " must be in [0, 1], got " + accuracy);
            }
        }

        /** The setting as text: {@code 0.7} or {@code 4-bit}. */
        public String settingLabel() {
            return probe == Probe.BITS
                    ? (int) setting + "-bit"
                    : String.format(Locale.ROOT, "%.2f", setting);
        }
    }

    public SensitivityTable {
        if (!(baseline >= 0 && baseline <= 1)) {
            throw new IllegalArgumentException(
                    "baseline accuracy must be in [0, 1], got " + baseline);
        }
        rows = List.copyOf(rows);
    }

    /** Layers in the order they were probed. */
    public Set<String> layers() {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.layer()));
        return out;
    }

    /** The drop measured for a layer at a setting, if that was probed. */
    public Optional<Double> drop(String layer, Probe probe, double setting) {
        return rows.stream()
                .filter(
                        r ->
                                r.layer().equals(layer)
                                        && r.probe() == probe
                                        && r.setting() == setting)
                .map(Row::drop)
                .findFirst();
    }

    /**
     * A mixed-precision override map for {@code QuantSettings.withOverrides}: every layer whose
     * drop at {@code bits} exceeds {@code maxDrop} (accuracy as a fraction, e.g. 0.005) stays at
     * {@code safeBits}.
     *
     * @throws IllegalArgumentException if {@code bits} was not probed
     */
    public Map<String, Integer> mixedPrecision(int bits, double maxDrop, int safeBits) {
        Map<String, Integer> out = new LinkedHashMap<>();
        boolean probed = false;
        for (Row r : rows) {
            if (r.probe() == Probe.BITS && r.setting() == bits) {
                probed = true;
                if (r.drop() > maxDrop) {
                    out.put(r.layer(), safeBits);
                }
            }
        }
        if (!probed) {
            throw new IllegalArgumentException(
                    bits
                            + "-bit sensitivity was not measured; probed bit-widths: "
                            + rows.stream()
                                    .filter(r -> r.probe() == Probe.BITS)
                                    .map(Row::settingLabel)
                                    .distinct()
                                    .toList());
        }
        return out;
    }

    /**
     * Per layer, the largest probed pruning ratio whose drop stays within {@code maxDrop} (0 when
     * none does): a layer-wise sparsity budget.
     */
    public Map<String, Double> pruningBudget(double maxDrop) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.probe() == Probe.PRUNE) {
                double best = out.getOrDefault(r.layer(), 0.0);
                out.put(r.layer(), r.drop() <= maxDrop ? Math.max(best, r.setting()) : best);
            }
        }
        return out;
    }

    /**
     * The rows as CSV with a header: {@code layer,probe,setting,accuracy,drop,baseline}; probe is
     * {@code prune} or {@code bits}, setting the ratio or the bit-width, accuracies and drop are
     * fractions.
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("layer,probe,setting,accuracy,drop,baseline\n");
        for (Row r : rows) {
            String setting =
                    r.probe() == Probe.BITS
                            ? Integer.toString((int) r.setting())
                            : Double.toString(r.setting());
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%s,%s,%s,%.6f,%.6f,%.6f\n",
                            r.layer(),
                            r.probe().name().toLowerCase(Locale.ROOT),
                            setting,
                            r.accuracy(),
                            r.drop(),
                            baseline));
        }
        return sb.toString();
    }

    /**
     * A text table: one line per layer, one column per probe setting, cells are accuracy (drop) in
     * percent.
     */
    public String render() {
        List<String> columns =
                rows.stream().map(r -> r.probe() + " " + r.settingLabel()).distinct().toList();
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "per-layer sensitivity (validation accuracy %.2f%% at baseline; "
                                + "cells: accuracy %% (drop in points), only that layer changed)%n",
                        100 * baseline));
        sb.append(String.format(Locale.ROOT, "%-8s", "layer"));
        for (String c : columns) {
            sb.append(String.format(Locale.ROOT, " %16s", c.toLowerCase(Locale.ROOT)));
        }
        sb.append('\n');
        for (String layer : layers()) {
            sb.append(String.format(Locale.ROOT, "%-8s", layer));
            for (String c : columns) {
                Optional<Row> cell =
                        rows.stream()
                                .filter(
                                        r ->
                                                r.layer().equals(layer)
                                                        && (r.probe() + " " + r.settingLabel())
                                                                .equals(c))
                                .findFirst();
                sb.append(
                        cell.map(
                                        r ->
                                                String.format(
                                                        Locale.ROOT,
                                                        " %7.2f (%+6.2f)",
                                                        100 * r.accuracy(),
                                                        100 * r.drop()))
                                .orElse(String.format(Locale.ROOT, " %16s", "-")));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
