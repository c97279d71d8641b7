package dev.frontier.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Readable text for measured values, and the unit a metric's name implies: sizes in B/KB/MB/GB (1
 * KB = 1024 bytes, as the command line prints them), fractions as percentages, latencies in ms.
 *
 * <p>The unit comes from the name: {@code *bytes} are bytes, {@code *_kb}, {@code *_mb}, {@code
 * *_gb} are kilo/mega/gigabytes, {@code *_ms} are milliseconds, and {@code accuracy*}, {@code
 * *accuracy}, {@code accuracy_ci_low/high} and {@code sparsity} are fractions (but not {@code
 * accuracy_drop}, which is in percentage points).
 */
public final class Units {

    private static final String[] BYTE_UNITS = {"B", "KB", "MB", "GB", "TB"};

    private Units() {}

    /**
     * Returns how many bytes one unit of the metric is: 1 for {@code *bytes}, 1024 for {@code
     * *_kb}, 1024² for {@code *_mb}, 1024³ for {@code *_gb}.
     *
     * @param metric the metric name
     * @return bytes per unit, or NaN when the metric is not a size in bytes
     */
    public static double bytesPerUnit(String metric) {
        String lower = metric.toLowerCase(Locale.ROOT);
        if (lower.endsWith("bytes")) {
            return 1;
        }
        if (lower.endsWith("_kb")) {
            return 1024;
        }
        if (lower.endsWith("_mb")) {
            return 1024.0 * 1024;
        }
        if (lower.endsWith("_gb")) {
            return 1024.0 * 1024 * 1024;
        }
        return Double.NaN;
    }

    /**
     * Returns whether the metric is a size in bytes (or KB, MB, GB).
     *
     * @param metric the metric name
     * @return true if {@link #bytesPerUnit} is a number
     */
    public static boolean isBytes(String metric) {
        return !Double.isNaN(bytesPerUnit(metric));
    }

    /**
     * Returns whether the metric is a fraction in [0, 1] that reads better as a percentage.
     *
     * @param metric the metric name
     * @return true for accuracies (not their drop or spread in points) and sparsity
     */
    public static boolean isFraction(String metric) {
        String lower = metric.toLowerCase(Locale.ROOT);
        if (lower.equals("sparsity")) {
            return true;
        }
        return lower.contains("accuracy")
                && !lower.endsWith("_drop")
                && !lower.endsWith("_pct")
                && !lower.endsWith("_percent");
    }

    /**
     * Returns whether the metric is in milliseconds.
     *
     * @param metric the metric name
     * @return true for {@code *_ms}
     */
    public static boolean isMillis(String metric) {
        return metric.toLowerCase(Locale.ROOT).endsWith("_ms");
    }

    /**
     * Formats a size in bytes with the largest unit it reaches and at most three significant
     * digits: 512 is "512 B", 20480 is "20 KB", 1258291 is "1.2 MB".
     *
     * @param bytes the size in bytes
     * @return the size with its unit
     */
    public static String bytes(double bytes) {
        if (!Double.isFinite(bytes)) {
            return Double.toString(bytes);
        }
        double magnitude = Math.abs(bytes);
        int unit = 0;
        while (unit < BYTE_UNITS.length - 1 && magnitude / Math.pow(1024, unit) >= 1024) {
            unit++;
        }
        double scaled = bytes / Math.pow(1024, unit);
        return (unit == 0 ? plain(Math.rint(scaled)) : plain(round3(scaled)))
                + " "
                + BYTE_UNITS[unit];
    }

    /**
     * Formats a fraction as a percentage: {@code percent(0.91234, 2)} is "91.23%".
     *
     * @param fraction the value, 1 being 100%
     * @param decimals digits after the decimal point
     * @return the percentage
     */
    public static String percent(double fraction, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f%%", 100 * fraction);
    }

    /**
     * Formats a latency with three significant digits: 0.3361 is "0.336 ms", 12.34 is "12.3 ms".
     *
     * @param millis the latency in milliseconds
     * @return the latency with its unit
     */
    public static String millis(double millis) {
        return plain(round3(millis)) + " ms";
    }

    /**
     * Formats a compression ratio with three significant digits: 12.34 is "12.3×", 4 is "4×".
     *
     * @param ratio the ratio
     * @return the ratio with a multiplication sign
     */
    public static String ratio(double ratio) {
        return plain(round3(ratio)) + "×";
    }

    /**
     * Formats a number compactly with a k/M/G suffix and at most three significant digits: 20000 is
     * "20k", 1500000 is "1.5M", 0.25 is "0.25".
     *
     * @param value the number
     * @return its short form
     */
    public static String compact(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String[] suffixes = {"", "k", "M", "G", "T"};
        int step = 0;
        while (step < suffixes.length - 1
                && Math.abs(round3(value / Math.pow(1000, step))) >= 1000) {
            step++;
        }
        return plain(round3(value / Math.pow(1000, step))) + suffixes[step];
    }

    /**
     * Formats a value of a metric in the unit its name implies (bytes as KB/MB, fractions as
     * percentages with two decimals, milliseconds with "ms"); other metrics with {@link
     * MetricNames#format}.
     *
     * @param metric the metric name
     * @param value the value
     * @return the readable value
     */
    public static String of(String metric, double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (isBytes(metric)) {
            return bytes(value * bytesPerUnit(metric));
        }
        if (isFraction(metric)) {
            return percent(value, 2);
        }
        if (isMillis(metric)) {
            return millis(value);
        }
        return MetricNames.format(value);
    }

    private static double round3(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value)
                .round(new MathContext(3, RoundingMode.HALF_EVEN))
                .doubleValue();
    }

    private static String plain(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
