package dev.frontier.codec.quant;

import java.util.Objects;

/** Calibrates to a percentile of the observations, kept in a bounded streaming histogram. */
final class PercentileCalibrator implements RangeCalibrator {

    static final int DEFAULT_BINS = 8192;

    private final double percentile;
    private final PercentileTails tails;
    private final StreamingHistogram histogram;

    PercentileCalibrator(double percentile, PercentileTails tails, int bins) {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException(
                    "percentile must be in (50, 100], got " + percentile);
        }
        this.percentile = percentile;
        this.tails = Objects.requireNonNull(tails, "tails");
        this.histogram = new StreamingHistogram(bins);
    }

    @Override
    public void observe(float[] batch) {
        histogram.add(batch);
    }

    @Override
    public long observedCount() {
        return histogram.total();
    }

    @Override
    public FloatRange range(int bits, boolean symmetric) {
        double q = percentile / 100.0;
        if (tails == PercentileTails.BOTH) {
            return new FloatRange((float) histogram.quantile(1 - q), (float) histogram.quantile(q));
        }
        float t = (float) histogram.absQuantile(q);
        float lo = Math.max(histogram.min(), -t);
        float hi = Math.min(histogram.max(), t);
        if (lo > hi) {
            // all observations lie on one side of zero and beyond t: keep the end nearest zero
            float nearest = histogram.min() > 0 ? histogram.min() : histogram.max();
            return new FloatRange(nearest, nearest);
        }
        return new FloatRange(lo, hi);
    }
}
