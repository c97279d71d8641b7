package dev.frontier.analysis.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Fast non-dominated sorting (Deb et al., NSGA-II, 2002) of cost vectors where every objective is
 * minimised.
 *
 * <p>A vector dominates another when it is no worse in every objective and strictly better in at
 * least one. Identical vectors do not dominate each other, so duplicates always share a rank. Runs
 * in O(M·N²) for N vectors of M objectives.
 */
public final class NonDominatedSorting {

    private NonDominatedSorting() {}

    /**
     * Returns true if cost vector {@code a} dominates {@code b}.
     *
     * @param a costs of one point
     * @param b costs of another point of the same length
     * @return whether {@code a} is no worse everywhere and strictly better somewhere
     */
    public static boolean dominates(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "cost vectors differ in length: " + a.length + " vs " + b.length);
        }
        boolean strictlyBetter = false;
        for (int j = 0; j < a.length; j++) {
            if (a[j] > b[j]) {
                return false;
            }
            if (a[j] < b[j]) {
                strictlyBetter = true;
            }
        }
        return strictlyBetter;
    }

    /**
     * Returns the front rank of every cost vector: 1 for the non-dominated front, 2 for the front
     * that remains once rank 1 is removed, and so on.
     *
     * @param costs one finite cost vector per point, all of the same length
     * @return ranks, index-aligned with {@code costs}
     */
    public static int[] ranks(List<double[]> costs) {
        int n = costs.size();
        for (double[] c : costs) {
            for (double v : c) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "cost vectors must be finite, got " + java.util.Arrays.toString(c));
                }
            }
        }
        List<List<Integer>> dominated = new ArrayList<>(n);
        int[] dominatorCount = new int[n];
        for (int i = 0; i < n; i++) {
            dominated.add(new ArrayList<>());
        }
        for (int p = 0; p < n; p++) {
            for (int q = p + 1; q < n; q++) {
                if (dominates(costs.get(p), costs.get(q))) {
                    dominated.get(p).add(q);
                    dominatorCount[q]++;
                } else if (dominates(costs.get(q), costs.get(p))) {
                    dominated.get(q).add(p);
                    dominatorCount[p]++;
                }
            }
        }
        int[] rank = new int[n];
        List<Integer> current = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (dominatorCount[p] == 0) {
                current.add(p);
            }
        }
        for (int level = 1; !current.isEmpty(); level++) {
            List<Integer> next = new ArrayList<>();
            for (int p : current) {
                rank[p] = level;
                for (int q : dominated.get(p)) {
                    if (--dominatorCount[q] == 0) {
                        next.add(q);
                    }
                }
            }
            current = next;
        }
        return rank;
    }
}
