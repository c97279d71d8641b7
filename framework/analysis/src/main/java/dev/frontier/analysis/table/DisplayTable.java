package dev.frontier.analysis.table;

import dev.frontier.analysis.ConfidenceInterval;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.Units;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The results of a sweep as a person reads them: what a trial is and what it achieved first, the
 * bookkeeping after. This is for display (the HTML report, notebooks); the CSV files keep the
 * columns of {@link ResultsTable}.
 *
 * <p>Columns, in order: {@code name, technique}, then, each when some trial reports its source,
 * {@value #ACCURACY} (from {@code accuracy} and its {@link ConfidenceInterval}, e.g. "91.23% ±
 * 0.56"), {@value #DELTA} (minus {@code accuracy_drop}, or the difference to the {@code baseline}
 * trial, in percentage points), {@value #SIZE} ({@code size_bytes} or another size in bytes, as
 * KB/MB), {@value #RATIO} ({@code compression_ratio}), {@value #LATENCY} ({@code latency_p50_ms} or
 * {@code latency_ms}, in ms) and {@value #KERNEL} (the parameter {@code kernel_precision}); then
 * the remaining columns of {@link ResultsTable} in its order ({@code trial_id, status, standing,
 * pareto_rank, on_frontier, knee, note}, parameters, metrics), without the raw columns shown above.
 */
public final class DisplayTable {

    /** Accuracy with the half-width of its 95% interval. */
    public static final String ACCURACY = "accuracy ± 95% CI";

    /** Accuracy difference to the baseline, in percentage points. */
    public static final String DELTA = "Δ vs baseline";

    /** Size of the model file. */
    public static final String SIZE = "size";

    /** Compression ratio. */
    public static final String RATIO = "ratio";

    /** Latency (p50 where measured). */
    public static final String LATENCY = "latency";

    /** The precision of the kernels that ran. */
    public static final String KERNEL = "kernel";

    private static final String KERNEL_PARAM = "kernel_precision";

    private DisplayTable() {}

    /**
     * Returns every trial, in input order.
     *
     * @param result the analysis
     * @return a table named "results"
     */
    public static Table results(ParetoResult result) {
        return build(ResultsTable.results(result), result, result.trials());
    }

    /**
     * Returns the frontier trials ordered by the first objective.
     *
     * @param result the analysis
     * @return a table named "frontier"
     */
    public static Table frontier(ParetoResult result) {
        return build(ResultsTable.frontier(result), result, result.front());
    }

    private static Table build(Table raw, ParetoResult result, List<RankedTrial> rows) {
        List<TrialOutcome> all = result.trials().stream().map(RankedTrial::outcome).toList();
        List<TrialOutcome> shown = rows.stream().map(RankedTrial::outcome).toList();
        Set<String> metrics = new LinkedHashSet<>();
        all.forEach(o -> metrics.addAll(o.metrics().keySet()));
        Set<String> consumed = new LinkedHashSet<>(List.of("name", "technique"));
        var table =
                Table.create(raw.name(), raw.column("name").copy(), raw.column("technique").copy());

        if (metrics.contains("accuracy")) {
            table.addColumns(text(ACCURACY, shown, DisplayTable::accuracy));
            consumed.addAll(
                    metricColumns(
                            "accuracy", "accuracy_ci_low", "accuracy_ci_high", "accuracy_ci95"));
            Optional<Function<TrialOutcome, String>> delta = delta(all, metrics);
            if (delta.isPresent()) {
                table.addColumns(text(DELTA, shown, delta.get()));
                consumed.addAll(metricColumns("accuracy_drop"));
            }
        }
        first(metrics, List.of("size_bytes"), m -> m.startsWith("size") && Units.isBytes(m))
                .ifPresent(
                        m -> {
                            double unit = Units.bytesPerUnit(m);
                            table.addColumns(
                                    text(
                                            SIZE,
                                            shown,
                                            o -> format(o.metric(m), v -> Units.bytes(v * unit))));
                            consumed.addAll(metricColumns(m));
                        });
        if (metrics.contains("compression_ratio")) {
            table.addColumns(
                    text(RATIO, shown, o -> format(o.metric("compression_ratio"), Units::ratio)));
            consumed.addAll(metricColumns("compression_ratio"));
        }
        first(
                        metrics,
                        List.of("latency_p50_ms", "latency_ms"),
                        m -> m.startsWith("latency") && Units.isMillis(m))
                .ifPresent(
                        m -> {
                            table.addColumns(
                                    text(LATENCY, shown, o -> format(o.metric(m), Units::millis)));
                            consumed.addAll(metricColumns(m));
                        });
        if (all.stream().anyMatch(o -> o.params().containsKey(KERNEL_PARAM))) {
            table.addColumns(text(KERNEL, shown, o -> o.params().getOrDefault(KERNEL_PARAM, "")));
            consumed.add(ResultsTable.PARAM_PREFIX + KERNEL_PARAM);
        }
        for (Column<?> column : raw.columns()) {
            if (!consumed.contains(column.name())) {
                table.addColumns(column.copy());
            }
        }
        return table;
    }

    private static String accuracy(TrialOutcome o) {
        OptionalDouble value = o.metric("accuracy");
        if (value.isEmpty()) {
            return "";
        }
        return Units.percent(value.getAsDouble(), 2)
                + ConfidenceInterval.of(o, "accuracy")
                        .map(ci -> String.format(Locale.ROOT, " ± %.2f", 100 * ci.halfWidth()))
                        .orElse("");
    }

    /**
     * Minus the reported drop, else the difference to the one baseline trial; empty if neither
     * exists.
     */
    private static Optional<Function<TrialOutcome, String>> delta(
            List<TrialOutcome> all, Set<String> metrics) {
        if (metrics.contains("accuracy_drop")) {
            return Optional.of(o -> format(o.metric("accuracy_drop"), drop -> points(-drop)));
        }
        List<TrialOutcome> baselines =
                all.stream()
                        .filter(
                                o ->
                                        o.isOk()
                                                && o.technique().equals("baseline")
                                                && o.metric("accuracy").isPresent())
                        .toList();
        if (baselines.size() != 1) {
            return Optional.empty();
        }
        double base = baselines.get(0).metric("accuracy").getAsDouble();
        return Optional.of(o -> format(o.metric("accuracy"), a -> points(100 * (a - base))));
    }

    private static String points(double delta) {
        double rounded = Math.round(delta * 100) / 100.0;
        return rounded == 0 ? "0.00 pts" : String.format(Locale.ROOT, "%+.2f pts", rounded);
    }

    private static Optional<String> first(
            Set<String> metrics,
            List<String> preferred,
            java.util.function.Predicate<String> otherwise) {
        return preferred.stream()
                .filter(metrics::contains)
                .findFirst()
                .or(() -> metrics.stream().filter(otherwise).findFirst());
    }

    private static List<String> metricColumns(String... metrics) {
        var names = new ArrayList<String>();
        for (String m : metrics) {
            names.add(ResultsTable.metricColumn(m));
        }
        return names;
    }

    private static String format(
            OptionalDouble value, java.util.function.DoubleFunction<String> formatter) {
        return value.isPresent() ? formatter.apply(value.getAsDouble()) : "";
    }

    private static StringColumn text(
            String name, List<TrialOutcome> rows, Function<TrialOutcome, String> cell) {
        var column = StringColumn.create(name);
        rows.forEach(o -> column.append(cell.apply(o)));
        return column;
    }
}
