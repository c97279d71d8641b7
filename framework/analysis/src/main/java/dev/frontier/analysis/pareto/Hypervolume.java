package dev.frontier.analysis.pareto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact hypervolume: the volume of cost space dominated by a set of points and bounded by a
 * reference point, every objective minimised.
 *
 * <p>Two objectives use a sweep over the points sorted by the first cost (O(N log N)); more
 * objectives use HSO slicing (While et al., 2006): sort on the last objective and sum slab depth
 * times the hypervolume of the points above the slab in one dimension fewer. That is exact and fast
 * for the small fronts of a sweep (a few hundred points, three or four objectives). Points that are
 * not strictly better than the reference in every objective add nothing.
 */
public final class Hypervolume {

    private Hypervolume() {}

    /**
     * Returns the hypervolume of {@code costs} with respect to {@code reference}.
     *
     * @param costs finite cost vectors, dominated points and duplicates allowed
     * @param reference the reference point in cost space, one coordinate per objective
     * @return the dominated volume, 0 for no contributing point
     */
    public static double of(List<double[]> costs, double[] reference) {
        int dims = reference.length;
        if (dims == 0) {
            throw new IllegalArgumentException("reference point has no coordinates");
        }
        List<double[]> inside = new ArrayList<>();
        for (double[] c : costs) {
            if (c.length != dims) {
                throw new IllegalArgumentException(
                        "point has " + c.length + " objectives, reference " + dims);
            }
            if (strictlyBelow(c, reference)) {
                inside.add(c);
            }
        }
        return slice(inside, reference, dims);
    }

    private static boolean strictlyBelow(double[] c, double[] reference) {
        for (int j = 0; j < c.length; j++) {
            if (!(c[j] < reference[j])) {
                return false;
            }
        }
        return true;
    }

    private static double slice(List<double[]> points, double[] reference, int dims) {
        if (points.isEmpty()) {
            return 0;
        }
        if (dims == 1) {
            return reference[0] - points.stream().mapToDouble(p -> p[0]).min().orElseThrow();
        }
        if (dims == 2) {
            return area(points, reference);
        }
        int last = dims - 1;
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(p -> p[last]));
        double volume = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : reference[last];
            double depth = top - sorted.get(i)[last];
            if (depth > 0) {
                volume += depth * slice(sorted.subList(0, i + 1), reference, last);
            }
        }
        return volume;
    }

    private static double area(List<double[]> points, double[] reference) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double area = 0;
        double ceiling = reference[1];
        for (double[] p : sorted) {
            if (p[1] < ceiling) {
                area += (reference[0] - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }
        return area;
    }
}
