package dev.frontier.codec.quant;

/**
 * Calibrates to the clipping range that minimizes the expected quantization mean squared error over
 * a bounded streaming histogram of the observations (values assumed uniform inside each bin, error
 * integrated exactly piece by piece between quantization decision boundaries).
 */
final class MseCalibrator implements RangeCalibrator {

    static final int DEFAULT_BINS = 2048;
    private static final int SYMMETRIC_STEPS = 128;
    private static final int ASYMMETRIC_STEPS = 40;

    private final StreamingHistogram histogram;

    MseCalibrator(int bins) {
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
        QuantParams.checkBits(bits, symmetric);
        float min = histogram.min();
        float max = histogram.max();
        double lo = Math.min(min, 0);
        double hi = Math.max(max, 0);
        if (lo == 0 && hi == 0) {
            return new FloatRange(min, max);
        }
        return symmetric
                ? searchSymmetric(bits, Math.max(-lo, hi))
                : searchAsymmetric(bits, lo, hi);
    }

    /** Expected squared error summed over the histogram for the given parameters. */
    double error(QuantParams p) {
        double total = 0;
        double width = histogram.binWidth();
        for (int i = 0; i < histogram.binCount(); i++) {
            long n = histogram.count(i);
            if (n == 0) {
                continue;
            }
            double a = histogram.binLower(i);
            total +=
                    n
                            * (width == 0
                                    ? square(-p.fakeQuantize(0f))
                                    : integratedError(p, a, a + width) / width);
        }
        return total;
    }

    private FloatRange searchSymmetric(int bits, double amax) {
        FloatRange best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = SYMMETRIC_STEPS; i >= 1; i--) {
            float t = (float) (amax * i / SYMMETRIC_STEPS);
            double e = error(QuantParams.fromRange(-t, t, bits, true));
            if (e < bestError) {
                bestError = e;
                best = new FloatRange(-t, t);
            }
        }
        return best;
    }

    private FloatRange searchAsymmetric(int bits, double lo, double hi) {
        FloatRange best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = ASYMMETRIC_STEPS; i >= 0; i--) {
            for (int j = ASYMMETRIC_STEPS; j >= 0; j--) {
                float a = (float) (lo * i / ASYMMETRIC_STEPS);
                float b = (float) (hi * j / ASYMMETRIC_STEPS);
                if (a == 0 && b == 0) {
                    continue;
                }
                double e = error(QuantParams.fromRange(a, b, bits, false));
                if (e < bestError) {
                    bestError = e;
                    best = new FloatRange(a, b);
                }
            }
        }
        return best;
    }

    /** Integral of (x - fq(x))^2 over [a, b), splitting at decision boundaries between codes. */
    private static double integratedError(QuantParams p, double a, double b) {
        double scale = p.scale();
        int zp = p.zeroPoint();
        int first = p.quantize((float) a);
        int last = p.quantize((float) b);
        double sum = 0;
        for (int k = first; k <= last; k++) {
            double lower = k == p.qmin() ? Double.NEGATIVE_INFINITY : (k - 0.5 - zp) * scale;
            double upper = k == p.qmax() ? Double.POSITIVE_INFINITY : (k + 0.5 - zp) * scale;
            double u = Math.max(a, lower);
            double v = Math.min(b, upper);
            if (v > u) {
                double level = (k - zp) * (double) scale;
                sum += (cube(v - level) - cube(u - level)) / 3;
            }
        }
        return sum;
    }

    private static double square(double x) {
        return x * x;
    }

    private static double cube(double x) {
        return x * x * x;
    }
}
