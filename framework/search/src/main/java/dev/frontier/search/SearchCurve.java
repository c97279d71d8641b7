package dev.frontier.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A searched sweep's hypervolume after each trial it spent, on (accuracy max, file bytes min),
 * against the reference point {@link Replay} uses (per objective, the worst measured value moved a
 * further 10% of the range the worse way), taken from the sweep's own measured trials.
 */
public final class SearchCurve {

    private static final double MARGIN = 0.1;

    private SearchCurve() {}

    /**
     * The hypervolume after each trial.
     *
     * @param trials (accuracy, bytes) of each trial in the order it was spent; null for a trial
     *     with nothing measured (stopped or failed), which adds nothing
     * @return one value per trial, non-decreasing; all 0 when nothing was measured
     */
    public static double[] hypervolumes(List<double[]> trials) {
        double minAcc = Double.POSITIVE_INFINITY;
        double maxAcc = Double.NEGATIVE_INFINITY;
        double minBytes = Double.POSITIVE_INFINITY;
        double maxBytes = Double.NEGATIVE_INFINITY;
        for (double[] p : trials) {
            if (p != null) {
                minAcc = Math.min(minAcc, p[0]);
                maxAcc = Math.max(maxAcc, p[0]);
                minBytes = Math.min(minBytes, p[1]);
                maxBytes = Math.max(maxBytes, p[1]);
            }
        }
        double[] out = new double[trials.size()];
        if (minAcc == Double.POSITIVE_INFINITY) {
            return out;
        }
        double accMargin = maxAcc > minAcc ? MARGIN * (maxAcc - minAcc) : MARGIN * minAcc;
        double bytesMargin =
                maxBytes > minBytes ? MARGIN * (maxBytes - minBytes) : MARGIN * maxBytes;
        double refAcc = minAcc - (accMargin > 0 ? accMargin : 1e-3);
        double refBytes = maxBytes + (bytesMargin > 0 ? bytesMargin : 1);
        List<double[]> seen = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            if (trials.get(i) != null) {
                seen.add(trials.get(i));
            }
            out[i] = Hypervolume2D.of(seen, refAcc, refBytes);
        }
        return out;
    }
}
