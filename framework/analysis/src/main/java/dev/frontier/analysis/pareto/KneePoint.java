package dev.frontier.analysis.pareto;

import java.util.List;

/**
 * Finds the knee of a front: the point where improving one objective starts to cost the most in
 * another.
 *
 * <p>Costs are first normalised per objective to [0, 1] over the front (0 = best on the front; an
 * objective on which all points agree becomes 0). With two objectives the knee is the point
 * farthest from the straight line through the two extreme points, on the side of the ideal point
 * (0, 0) (Das 1999; Branke et al. 2004). If no point lies strictly on that side (a front of one or
 * two points, or a straight or concave front), and with three or more objectives, the knee is the
 * point nearest the normalised ideal point in Euclidean distance. Ties go to the earliest point.
 */
public final class KneePoint {

    private KneePoint() {}

    /**
     * Returns the index of the knee point among {@code frontCosts}.
     *
     * @param frontCosts the cost vectors of the first front (every objective minimised)
     * @return the knee's index, or -1 for an empty front
     */
    public static int indexOf(List<double[]> frontCosts) {
        if (frontCosts.isEmpty()) {
            return -1;
        }
        double[][] normalized = normalize(frontCosts);
        if (normalized[0].length == 2) {
            int knee = farthestFromExtremeLine(normalized);
            if (knee >= 0) {
                return knee;
            }
        }
        return nearestToIdeal(normalized);
    }

    static double[][] normalize(List<double[]> costs) {
        int dims = costs.get(0).length;
        double[] min = new double[dims];
        double[] max = new double[dims];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] c : costs) {
            for (int j = 0; j < dims; j++) {
                min[j] = Math.min(min[j], c[j]);
                max[j] = Math.max(max[j], c[j]);
            }
        }
        double[][] out = new double[costs.size()][dims];
        for (int i = 0; i < costs.size(); i++) {
            for (int j = 0; j < dims; j++) {
                double range = max[j] - min[j];
                out[i][j] = range > 0 ? (costs.get(i)[j] - min[j]) / range : 0;
            }
        }
        return out;
    }

    private static int farthestFromExtremeLine(double[][] points) {
        double[] a = extreme(points, 0, 1);
        double[] b = extreme(points, 1, 0);
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return -1;
        }
        // Cross product sign of the ideal point (0, 0) relative to the line a->b: positive side =
        // ideal side.
        double idealSide = Math.signum(dx * (0 - a[1]) - dy * (0 - a[0]));
        int best = -1;
        double bestDistance = 1e-12;
        for (int i = 0; i < points.length; i++) {
            double cross = dx * (points[i][1] - a[1]) - dy * (points[i][0] - a[0]);
            double distance = idealSide * cross / length;
            if (distance > bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }

    /** The point best on objective {@code primary}, ties broken by objective {@code secondary}. */
    private static double[] extreme(double[][] points, int primary, int secondary) {
        double[] best = points[0];
        for (double[] p : points) {
            if (p[primary] < best[primary]
                    || (p[primary] == best[primary] && p[secondary] < best[secondary])) {
                best = p;
            }
        }
        return best;
    }

    private static int nearestToIdeal(double[][] points) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            double sum = 0;
            for (double v : points[i]) {
                sum += v * v;
            }
            if (sum < bestDistance) {
                bestDistance = sum;
                best = i;
            }
        }
        return best;
    }
}
