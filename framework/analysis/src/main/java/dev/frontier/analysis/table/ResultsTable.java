package dev.frontier.analysis.table;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns a Pareto analysis into Tablesaw tables, one row per trial.
 *
 * <p>Columns, in order: {@code trial_id, name, technique, status, standing, pareto_rank,
 * on_frontier, knee, note}, then one {@code params.<name>} column per parameter and one {@code
 * metrics.<name>} column per metric (the MLflow naming), in the order they first appear among the
 * trials. A parameter column is an integer column when every value is an integer, a double column
 * when every value is a number, and text otherwise. Values a trial lacks, and NaN metrics, are
 * missing (empty in CSV); so is the rank of a trial that was not ranked.
 */
public final class ResultsTable {

    /** Prefix of parameter columns. */
    public static final String PARAM_PREFIX = "params.";

    /** Prefix of metric columns. */
    public static final String METRIC_PREFIX = "metrics.";

    private ResultsTable() {}

    /**
     * Returns every trial, in input order.
     *
     * @param result the analysis
     * @return a table named "results"
     */
    public static Table results(ParetoResult result) {
        return build("results", result, result.trials());
    }

    /**
     * Returns the frontier trials ordered by the first objective, with the same columns as {@link
     * #results}.
     *
     * @param result the analysis
     * @return a table named "frontier"
     */
    public static Table frontier(ParetoResult result) {
        return build("frontier", result, result.front());
    }

    /**
     * Returns the column name of a metric, e.g. {@code metrics.accuracy}.
     *
     * @param metric the metric name
     * @return the column name
     */
    public static String metricColumn(String metric) {
        return METRIC_PREFIX + metric;
    }

    private static Table build(String name, ParetoResult result, List<RankedTrial> rows) {
        String kneeId = result.knee().map(RankedTrial::trialId).orElse(null);
        var table =
                Table.create(
                        name,
                        StringColumn.create("trial_id", rows.stream().map(RankedTrial::trialId)),
                        StringColumn.create("name", rows.stream().map(t -> t.outcome().name())),
                        StringColumn.create(
                                "technique", rows.stream().map(t -> t.outcome().technique())),
                        StringColumn.create(
                                "status", rows.stream().map(t -> t.outcome().status().name())),
                        StringColumn.create(
                                "standing", rows.stream().map(t -> t.standing().name())),
                        rankColumn(rows),
                        BooleanColumn.create(
                                "on_frontier", rows.stream().map(RankedTrial::onFrontier).toList()),
                        BooleanColumn.create(
                                "knee",
                                rows.stream().map(t -> t.trialId().equals(kneeId)).toList()),
                        StringColumn.create("note", rows.stream().map(RankedTrial::note)));
        List<TrialOutcome> all = result.trials().stream().map(RankedTrial::outcome).toList();
        for (String param : keys(all, true)) {
            table.addColumns(
                    paramColumn(
                            param,
                            rows.stream().map(t -> t.outcome().params().get(param)).toList()));
        }
        for (String metric : keys(all, false)) {
            var column = DoubleColumn.create(metricColumn(metric));
            rows.forEach(
                    t -> column.append(t.outcome().metrics().getOrDefault(metric, Double.NaN)));
            table.addColumns(column);
        }
        return table;
    }

    private static IntColumn rankColumn(List<RankedTrial> rows) {
        var column = IntColumn.create("pareto_rank");
        rows.forEach(
                t -> {
                    if (t.rank() > 0) {
                        column.append(t.rank());
                    } else {
                        column.appendMissing();
                    }
                });
        return column;
    }

    private static Set<String> keys(List<TrialOutcome> outcomes, boolean params) {
        var keys = new LinkedHashSet<String>();
        outcomes.forEach(o -> keys.addAll(params ? o.params().keySet() : o.metrics().keySet()));
        return keys;
    }

    private static Column<?> paramColumn(String param, List<String> values) {
        String name = PARAM_PREFIX + param;
        List<String> present = values.stream().filter(v -> v != null).toList();
        if (!present.isEmpty() && present.stream().allMatch(ResultsTable::isInteger)) {
            var column = IntColumn.create(name);
            values.forEach(
                    v -> {
                        if (v == null) {
                            column.appendMissing();
                        } else {
                            column.append(Integer.parseInt(v.strip()));
                        }
                    });
            return column;
        }
        if (!present.isEmpty() && present.stream().allMatch(ResultsTable::isNumber)) {
            var column = DoubleColumn.create(name);
            values.forEach(
                    v -> column.append(v == null ? Double.NaN : Double.parseDouble(v.strip())));
            return column;
        }
        var column = StringColumn.create(name);
        values.forEach(
                v -> {
                    if (v == null) {
                        column.appendMissing();
                    } else {
                        column.append(v);
                    }
                });
        return column;
    }

    private static boolean isInteger(String value) {
        try {
            Integer.parseInt(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
