package dev.frontier.codec.quant;

/**
 * How a weight quantizer picks each parameter set's range.
 *
 * <ul>
 *   <li>{@link #MIN_MAX}: the values' own min and max, so nothing is clipped (rounding error grows
 *       with the largest outlier);
 *   <li>{@link #MSE}: the range {@code alpha * [min, max]} with {@code alpha} in [0.3, 1]
 *       minimizing the squared error of the round trip, which clips a few outliers to shrink the
 *       step for all other values. At 8 bits it usually keeps {@code alpha = 1}; at 4 bits and
 *       below it is worth about a point of accuracy on lenet5 (see the README's figures).
 * </ul>
 *
 * <p>Both are deterministic and idempotent: re-quantizing values that are already on the grid gives
 * the same codes, so a model file written from a fake-quantized model stores exactly what was
 * evaluated.
 */
public enum RangeFit {
    /** Range = [min, max] of the values (widened to include 0). */
    MIN_MAX,
    /** Range shrunk by the factor that minimizes the squared round-trip error. */
    MSE;

    /** Grid of shrink factors searched by {@link #MSE}: 1.00, 0.99, ..., 0.30. */
    static final int MSE_STEPS = 70;

    /** Parameters for {@code values[from, to)} under this fit. */
    QuantParams fit(float[] values, int from, int to, int bits, boolean symmetric) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        QuantParams best = QuantParams.fromRange(min, max, bits, symmetric);
        if (this == MIN_MAX) {
            return best;
        }
        double bestError = squaredError(best, values, from, to);
        for (int step = 1; step <= MSE_STEPS && bestError > 0; step++) {
            double alpha = 1.0 - step / 100.0;
            QuantParams candidate =
                    QuantParams.fromRange(alpha * min, alpha * max, bits, symmetric);
            double error = squaredError(candidate, values, from, to);
            if (error < bestError) {
                bestError = error;
                best = candidate;
            }
        }
        return best;
    }

    private static double squaredError(QuantParams p, float[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            double d = values[i] - p.fakeQuantize(values[i]);
            sum += d * d;
        }
        return sum;
    }
}
