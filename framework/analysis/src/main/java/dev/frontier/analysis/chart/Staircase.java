package dev.frontier.analysis.chart;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.pareto.NonDominatedSorting;
import java.util.ArrayList;
import java.util.Comparator;

/**
 * The two-metric Pareto frontier of a set of points as a staircase polyline: the boundary of the
 * region the frontier dominates.
 *
 * <p>Points are sorted by x ascending. Between neighbours the line goes along x first when smaller
 * x is better (for each x, the best y reachable at that x or smaller), and along y first when
 * larger x is better.
 */
final class Staircase {

    private Staircase() {}

    /** Returns which points are on the two-metric frontier (rank 1). */
    static boolean[] front(double[] xs, double[] ys, Objective x, Objective y) {
        var costs = new ArrayList<double[]>();
        for (int i = 0; i < xs.length; i++) {
            costs.add(new double[] {x.direction().toCost(xs[i]), y.direction().toCost(ys[i])});
        }
        int[] ranks = NonDominatedSorting.ranks(costs);
        boolean[] front = new boolean[xs.length];
        for (int i = 0; i < xs.length; i++) {
            front[i] = ranks[i] == 1;
        }
        return front;
    }

    /** Returns the polyline as {xs, ys}; empty arrays for no points. */
    static double[][] of(double[] xs, double[] ys, Objective x, Objective y) {
        boolean[] onFront = front(xs, ys, x, y);
        var front = new ArrayList<double[]>();
        for (int i = 0; i < xs.length; i++) {
            if (onFront[i]) {
                front.add(new double[] {xs[i], ys[i]});
            }
        }
        front.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        boolean xFirst = x.direction() == dev.frontier.analysis.Direction.MIN;
        var line = new ArrayList<double[]>();
        for (int i = 0; i < front.size(); i++) {
            double[] point = front.get(i);
            if (i > 0) {
                double[] previous = front.get(i - 1);
                line.add(
                        xFirst
                                ? new double[] {point[0], previous[1]}
                                : new double[] {previous[0], point[1]});
            }
            line.add(point);
        }
        return new double[][] {
            line.stream().mapToDouble(p -> p[0]).toArray(),
            line.stream().mapToDouble(p -> p[1]).toArray()
        };
    }
}
