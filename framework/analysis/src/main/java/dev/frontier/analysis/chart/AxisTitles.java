package dev.frontier.analysis.chart;

import java.util.Locale;
import java.util.Map;

/**
 * Derives a readable axis title with its unit from a metric name, e.g. {@code size_mb} becomes
 * "Size (MB)" and {@code latency_p50_ms} becomes "Latency p50 (ms)".
 *
 * <p>The unit is read from the name's last {@code _}-separated part ({@code mb, kb, gb, bytes, ms,
 * us, s, pct, per_s}); {@code accuracy} is a fraction. Names without a known unit are only
 * humanised. Set another title with {@code chart.setXAxisTitle(...)}.
 */
public final class AxisTitles {

  private static final Map<String, String> UNITS = Map.of(
      "mb", "MB", "kb", "KB", "gb", "GB", "bytes", "bytes", "ms", "ms", "us", "µs", "s", "s",
      "pct", "%", "percent", "%");

  private AxisTitles() {}

  /**
   * Returns the axis title for a metric.
   *
   * @param metric the metric name
   * @return the humanised name with its unit in parentheses when known
   */
  public static String of(String metric) {
    String lower = metric.toLowerCase(Locale.ROOT);
    if (lower.endsWith("_per_s") || lower.endsWith("_per_sec")) {
      return humanise(metric.substring(0, lower.lastIndexOf("_per_s"))) + " (per s)";
    }
    int cut = metric.lastIndexOf('_');
    if (cut > 0) {
      String unit = UNITS.get(lower.substring(cut + 1));
      if (unit != null) {
        return humanise(metric.substring(0, cut)) + " (" + unit + ")";
      }
    }
    if (lower.endsWith("accuracy")) {
      return humanise(metric) + " (fraction)";
    }
    return humanise(metric);
  }

  private static String humanise(String name) {
    String spaced = name.replace('_', ' ').replace('.', ' ').strip();
    return spaced.isEmpty() ? name : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
