package dev.frontier.analysis.chart;

import dev.frontier.analysis.Units;
import java.util.Locale;
import java.util.Map;

/**
 * Derives a readable axis title from a metric name, in the unit {@link ChartAxes} labels the ticks
 * with: {@code latency_p50_ms} becomes "Latency p50 (ms)", {@code accuracy} "Accuracy (%)" (ticks
 * show percentages), and {@code size_bytes} or {@code size_mb} just "Size" (each tick carries its
 * own KB or MB).
 *
 * <p>The unit is read from the name's last {@code _}-separated part ({@code ms, us, s, pct,
 * per_s}); see {@link Units} for sizes and fractions. Names without a known unit are only
 * humanised. Set another title with {@code chart.setXAxisTitle(...)}.
 */
public final class AxisTitles {

    private static final Map<String, String> UNITS =
            Map.of("ms", "ms", "us", "µs", "s", "s", "pct", "%", "percent", "%");

    private AxisTitles() {}

    /**
     * Returns the axis title for a metric.
     *
     * @param metric the metric name
     * @return the humanised name with its unit in parentheses when the ticks do not show it
     */
    public static String of(String metric) {
        String lower = metric.toLowerCase(Locale.ROOT);
        if (lower.endsWith("_per_s") || lower.endsWith("_per_sec")) {
            return humanise(metric.substring(0, lower.lastIndexOf("_per_s"))) + " (per s)";
        }
        if (Units.isBytes(metric)) {
            int cut =
                    lower.endsWith("bytes")
                            ? lower.length() - "bytes".length()
                            : lower.lastIndexOf('_');
            String name = metric.substring(0, cut).replaceAll("_+$", "");
            return name.isEmpty() ? "Size" : humanise(name);
        }
        if (Units.isFraction(metric)) {
            return humanise(metric) + " (%)";
        }
        int cut = metric.lastIndexOf('_');
        if (cut > 0) {
            String unit = UNITS.get(lower.substring(cut + 1));
            if (unit != null) {
                return humanise(metric.substring(0, cut)) + " (" + unit + ")";
            }
        }
        return humanise(metric);
    }

    private static String humanise(String name) {
        String spaced = name.replace('_', ' ').replace('.', ' ').strip();
        return spaced.isEmpty()
                ? name
                : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
