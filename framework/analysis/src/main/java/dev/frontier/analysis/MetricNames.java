package dev.frontier.analysis;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/** Checks metric names and suggests the nearest known name when one is misspelled. */
public final class MetricNames {

    private MetricNames() {}

    static void requireValid(String metric, String role) {
        Objects.requireNonNull(metric, role);
        if (metric.isBlank()) {
            throw new IllegalArgumentException(role + " must not be blank");
        }
    }

    /**
     * Throws if {@code metric} is not among {@code known}, suggesting the closest known name.
     *
     * @param metric the name asked for
     * @param known the names that exist
     * @param role what the name is used for, e.g. "objective", for the message
     * @throws IllegalArgumentException if the name is unknown
     */
    public static void requireKnown(String metric, Collection<String> known, String role) {
        if (known.contains(metric)) {
            return;
        }
        String message = role + " metric '" + metric + "' is not reported by any finished trial";
        String nearest =
                known.stream()
                        .min(
                                Comparator.comparingInt((String k) -> distance(metric, k))
                                        .thenComparing(k -> k))
                        .orElse(null);
        if (nearest != null && distance(metric, nearest) <= Math.max(2, metric.length() / 3)) {
            message += "; did you mean '" + nearest + "'?";
        }
        throw new IllegalArgumentException(message + " Known metrics: " + known);
    }

    /**
     * Formats a number compactly for labels and messages: integers without a fraction, others with
     * up to four significant decimals.
     *
     * @param value the number
     * @return its short text form
     */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            return new java.math.BigDecimal(value)
                    .round(new java.math.MathContext(5))
                    .stripTrailingZeros()
                    .toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
