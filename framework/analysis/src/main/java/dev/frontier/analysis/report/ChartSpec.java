package dev.frontier.analysis.report;

import java.util.Objects;

/**
 * One chart a run writes: which objectives go on which axis, and the file it is saved under.
 *
 * @param fileName file name without extension, e.g. {@code accuracy_vs_size}; letters, digits,
 *     {@code _ - .} only
 * @param xMetric the horizontal metric, an objective of the analysis
 * @param yMetric the vertical metric, an objective of the analysis
 * @param logX whether the x axis is logarithmic
 * @param title the chart title
 */
public record ChartSpec(
        String fileName, String xMetric, String yMetric, boolean logX, String title) {

    /** Validates the file name and metrics. */
    public ChartSpec {
        Objects.requireNonNull(fileName, "fileName");
        if (!fileName.matches("[A-Za-z0-9_.-]+") || fileName.startsWith(".")) {
            throw new IllegalArgumentException(
                    "chart file name '"
                            + fileName
                            + "' must be letters, digits, '_', '-' or '.', not starting with '.'");
        }
        Objects.requireNonNull(xMetric, "xMetric");
        Objects.requireNonNull(yMetric, "yMetric");
        Objects.requireNonNull(title, "title");
    }

    /**
     * Returns the usual pair for a compression sweep: accuracy against size on a log axis, and
     * accuracy against latency.
     *
     * @param accuracyMetric the accuracy metric name
     * @param sizeMetric the size metric name, e.g. {@code size_mb}
     * @param latencyMetric the latency metric name, e.g. {@code latency_p50_ms}
     * @return the two chart specs
     */
    public static java.util.List<ChartSpec> accuracyVsSizeAndLatency(
            String accuracyMetric, String sizeMetric, String latencyMetric) {
        return java.util.List.of(
                new ChartSpec(
                        "accuracy_vs_size", sizeMetric, accuracyMetric, true, "Accuracy vs size"),
                new ChartSpec(
                        "accuracy_vs_latency",
                        latencyMetric,
                        accuracyMetric,
                        false,
                        "Accuracy vs latency"));
    }

    /**
     * One chart per objective against the sweep's quality metric ({@code accuracy} when it is an
     * objective, else the first objective): size-like metrics ({@code size*}, {@code *bytes},
     * {@code params*}) on a log axis. {@code size_bytes} and {@code latency_p50_ms} keep the file
     * names {@code accuracy_vs_size} and {@code accuracy_vs_latency}. Only objectives are charted,
     * since a chart marks the Pareto frontier of the analysis.
     *
     * @param objectives the analysis' objective metrics, at least two
     * @return the chart specs, one per objective other than the quality metric
     */
    public static java.util.List<ChartSpec> forObjectives(java.util.List<String> objectives) {
        if (objectives.size() < 2) {
            throw new IllegalArgumentException(
                    "a frontier chart needs two objectives, got " + objectives);
        }
        String y = objectives.contains("accuracy") ? "accuracy" : objectives.get(0);
        java.util.List<ChartSpec> specs = new java.util.ArrayList<>();
        for (String x : objectives) {
            if (x.equals(y)) {
                continue;
            }
            String shortX =
                    x.equals("size_bytes") ? "size" : x.equals("latency_p50_ms") ? "latency" : x;
            String file = (y + "_vs_" + shortX).replaceAll("[^A-Za-z0-9_.-]", "_");
            boolean logX = x.startsWith("size") || x.endsWith("bytes") || x.startsWith("params");
            String title =
                    dev.frontier.analysis.chart.AxisTitles.of(y).replaceAll(" \\(.*\\)$", "")
                            + " vs "
                            + dev.frontier.analysis.chart.AxisTitles.of(x)
                                    .replaceAll(" \\(.*\\)$", "")
                                    .toLowerCase(java.util.Locale.ROOT);
            specs.add(new ChartSpec(file, x, y, logX, title));
        }
        return specs;
    }
}
