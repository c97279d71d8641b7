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
public record ChartSpec(String fileName, String xMetric, String yMetric, boolean logX, String title) {

  /** Validates the file name and metrics. */
  public ChartSpec {
    Objects.requireNonNull(fileName, "fileName");
    if (!fileName.matches("[A-Za-z0-9_.-]+") || fileName.startsWith(".")) {
      throw new IllegalArgumentException("chart file name '" + fileName
          + "' must be letters, digits, '_', '-' or '.', not starting with '.'");
    }
    Objects.requireNonNull(xMetric, "xMetric");
    Objects.requireNonNull(yMetric, "yMetric");
    Objects.requireNonNull(title, "title");
  }

  /**
   * Returns the usual pair for a compression sweep: accuracy against size on a log axis, and accuracy
   * against latency.
   *
   * @param accuracyMetric the accuracy metric name
   * @param sizeMetric the size metric name, e.g. {@code size_mb}
   * @param latencyMetric the latency metric name, e.g. {@code latency_p50_ms}
   * @return the two chart specs
   */
  public static java.util.List<ChartSpec> accuracyVsSizeAndLatency(String accuracyMetric, String sizeMetric,
      String latencyMetric) {
    return java.util.List.of(
        new ChartSpec("accuracy_vs_size", sizeMetric, accuracyMetric, true, "Accuracy vs size"),
        new ChartSpec("accuracy_vs_latency", latencyMetric, accuracyMetric, false, "Accuracy vs latency"));
  }
}
