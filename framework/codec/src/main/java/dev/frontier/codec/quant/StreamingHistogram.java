package dev.frontier.codec.quant;

/**
 * Fixed-size histogram over a symmetric range {@code [-radius, radius]} that doubles its radius
 * (merging bin pairs exactly) whenever a larger value arrives; memory stays bounded however many
 * observations stream in. Also tracks the exact min and max.
 */
final class StreamingHistogram {

    private final long[] counts;
    private double radius;
    private long zerosBeforeRadius;
    private long total;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;

    StreamingHistogram(int bins) {
        if (bins < 16 || bins % 4 != 0) {
            throw new IllegalArgumentException(
                    "histogram bins must be a multiple of 4 and >= 16, got " + bins);
        }
        this.counts = new long[bins];
    }

    void add(float[] batch) {
        Shapes.requireFinite(batch, "calibration batch");
        float batchMaxAbs = 0;
        for (float x : batch) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            batchMaxAbs = Math.max(batchMaxAbs, Math.abs(x));
        }
        if (batchMaxAbs > 0) {
            ensureRadius(batchMaxAbs);
        }
        for (float x : batch) {
            if (radius == 0) {
                zerosBeforeRadius++;
            } else {
                counts[binOf(x)]++;
            }
        }
        total += batch.length;
    }

    long total() {
        return total;
    }

    float min() {
        requireData();
        return min;
    }

    float max() {
        requireData();
        return max;
    }

    int binCount() {
        return counts.length;
    }

    /** Count in bin {@code i}; all-zero data so far lives in the middle bin. */
    long count(int i) {
        return radius == 0 && i == counts.length / 2 ? zerosBeforeRadius : counts[i];
    }

    double binWidth() {
        return radius == 0 ? 0 : 2 * radius / counts.length;
    }

    double binLower(int i) {
        return -radius + i * binWidth();
    }

    /**
     * Value below which a fraction {@code q} of observations fall (linear inside a bin), clamped to
     * [min, max].
     */
    double quantile(double q) {
        requireData();
        double target = q * total;
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            long c = count(i);
            if (c > 0 && cumulative + c >= target) {
                double value = binLower(i) + binWidth() * Math.max(0, target - cumulative) / c;
                return clamp(value);
            }
            cumulative += c;
        }
        return max;
    }

    /** Value below which a fraction {@code q} of absolute values fall (linear inside a bin). */
    double absQuantile(double q) {
        requireData();
        double target = q * total;
        long cumulative = 0;
        int half = counts.length / 2;
        for (int j = 0; j < half; j++) {
            long c = count(half + j) + count(half - 1 - j);
            if (c > 0 && cumulative + c >= target) {
                return Math.min(
                        j * binWidth() + binWidth() * Math.max(0, target - cumulative) / c,
                        Math.max(Math.abs(min), Math.abs(max)));
            }
            cumulative += c;
        }
        return Math.max(Math.abs(min), Math.abs(max));
    }

    private double clamp(double value) {
        return Math.max(min, Math.min(max, value));
    }

    private void requireData() {
        if (total == 0) {
            throw new IllegalStateException(
                    "no observations yet: call observe(batch) before asking for a range");
        }
    }

    private void ensureRadius(double needed) {
        if (radius == 0) {
            radius = needed;
            counts[counts.length / 2] += zerosBeforeRadius;
            zerosBeforeRadius = 0;
            return;
        }
        while (needed > radius) {
            grow();
        }
    }

    private void grow() {
        int n = counts.length;
        long[] merged = new long[n];
        for (int i = 0; i < n; i++) {
            merged[n / 4 + i / 2] += counts[i];
        }
        System.arraycopy(merged, 0, counts, 0, n);
        radius *= 2;
    }

    private int binOf(float x) {
        int i = (int) Math.floor((x + radius) / binWidth());
        return Math.max(0, Math.min(counts.length - 1, i));
    }
}
