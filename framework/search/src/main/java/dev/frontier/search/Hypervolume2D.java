package dev.frontier.search;

import java.util.ArrayList;
import java.util.List;
import org.uma.jmetal.qualityindicator.impl.hypervolume.impl.PISAHypervolume;

/**
 * Hypervolume of a 2-objective front — accuracy maximized, file bytes minimized — against a
 * reference point: the area of (accuracy, bytes) space that some point dominates and that dominates
 * the reference. Computed by jMetal's {@link PISAHypervolume} (Zitzler's exact algorithm), which
 * works on costs scaled to [0, 1] with reference (1, 1): accuracy becomes {@code (1 - acc) / (1 -
 * refAcc)}, bytes {@code bytes / refBytes}, and the area is scaled back by {@code (1 - refAcc) *
 * refBytes}. Points not strictly better than the reference in both objectives add nothing.
 */
public final class Hypervolume2D {

    private Hypervolume2D() {}

    /**
     * The hypervolume of {@code points} against the reference.
     *
     * @param points (accuracy in [0, 1], bytes &gt;= 0) pairs; dominated points and duplicates
     *     allowed
     * @param referenceAccuracy accuracy of the reference point, below 1
     * @param referenceBytes bytes of the reference point, above 0
     * @return the dominated area in accuracy × bytes, 0 when no point beats the reference
     */
    public static double of(
            List<double[]> points, double referenceAccuracy, double referenceBytes) {
        if (!(referenceAccuracy < 1) || !(referenceBytes > 0)) {
            throw new IllegalArgumentException(
                    "reference point ("
                            + referenceAccuracy
                            + ", "
                            + referenceBytes
                            + ") must have accuracy < 1 and bytes > 0");
        }
        double accuracySpan = 1 - referenceAccuracy;
        List<double[]> scaled = new ArrayList<>();
        for (double[] p : points) {
            if (p.length != 2) {
                throw new IllegalArgumentException("point has " + p.length + " values, not 2");
            }
            double acc = p[0];
            double bytes = p[1];
            if (acc > 1 || bytes < 0) {
                throw new IllegalArgumentException(
                        "point (" + acc + ", " + bytes + ") has accuracy > 1 or bytes < 0");
            }
            if (acc > referenceAccuracy && bytes < referenceBytes) {
                scaled.add(new double[] {(1 - acc) / accuracySpan, bytes / referenceBytes});
            }
        }
        if (scaled.isEmpty()) {
            return 0;
        }
        double unit =
                new PISAHypervolume(new double[] {1, 1}).compute(scaled.toArray(new double[0][]));
        return unit * accuracySpan * referenceBytes;
    }
}
