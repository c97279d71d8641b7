package dev.frontier.stats;

/** A measured proportion (e.g. accuracy = correct / total) with its 95% Wilson score interval. */
public record Proportion(long successes, long total, double value, double low, double high) {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    public Proportion {
        if (total < 0 || successes < 0 || successes > total) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= total, got " + successes + "/" + total);
        }
    }

    /** The Wilson score interval at 95% for {@code successes} out of {@code total}. */
    public static Proportion wilson(long successes, long total) {
        if (total == 0) {
            return new Proportion(0, 0, Double.NaN, 0, 1);
        }
        double n = total;
        double p = successes / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
        return new Proportion(
                successes, total, p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    @Override
    public String toString() {
        return String.format("%.2f%% [%.2f, %.2f]", 100 * value, 100 * low, 100 * high);
    }
}
