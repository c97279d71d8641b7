package dev.frontier.search;

import dev.frontier.analysis.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replay benchmark: each strategy searches a {@link ReplayTable}'s space, evaluating a proposal
 * by looking it up, and after every trial the hypervolume of what it found is taken as a share of
 * the whole table's (the full grid's) hypervolume.
 *
 * <p>The reference point follows the rule of a sweep's summary when the sweep names none: per
 * objective, the table's worst value moved a further 10% of its range (best to worst) in the worse
 * direction, so the extreme points of the front still add area.
 */
public final class Replay {

    /** The objectives of the replay: accuracy maximized, then bytes minimized. */
    public static final List<Direction> DIRECTIONS = List.of(Direction.MAX, Direction.MIN);

    private static final double MARGIN = 0.1;

    private final ReplayTable table;
    private final double referenceAccuracy;
    private final double referenceBytes;
    private final double fullHypervolume;

    /** A replay over {@code table}. */
    public Replay(ReplayTable table) {
        this.table = table;
        double minAcc = Double.POSITIVE_INFINITY;
        double maxAcc = Double.NEGATIVE_INFINITY;
        double minBytes = Double.POSITIVE_INFINITY;
        double maxBytes = Double.NEGATIVE_INFINITY;
        for (double[] r : table.all()) {
            minAcc = Math.min(minAcc, r[0]);
            maxAcc = Math.max(maxAcc, r[0]);
            minBytes = Math.min(minBytes, r[1]);
            maxBytes = Math.max(maxBytes, r[1]);
        }
        double accMargin = maxAcc > minAcc ? MARGIN * (maxAcc - minAcc) : MARGIN * minAcc;
        double bytesMargin =
                maxBytes > minBytes ? MARGIN * (maxBytes - minBytes) : MARGIN * maxBytes;
        this.referenceAccuracy = minAcc - (accMargin > 0 ? accMargin : 1e-3);
        this.referenceBytes = maxBytes + (bytesMargin > 0 ? bytesMargin : 1);
        this.fullHypervolume = Hypervolume2D.of(table.all(), referenceAccuracy, referenceBytes);
    }

    /** The table replayed. */
    public ReplayTable table() {
        return table;
    }

    /** The reference point: (accuracy, bytes). */
    public double[] referencePoint() {
        return new double[] {referenceAccuracy, referenceBytes};
    }

    /** The hypervolume of the whole table: the full grid's. */
    public double fullHypervolume() {
        return fullHypervolume;
    }

    /** The hypervolume of {@code points} as a share (0..1) of the full grid's. */
    public double share(List<double[]> points) {
        return Hypervolume2D.of(points, referenceAccuracy, referenceBytes) / fullHypervolume;
    }

    /**
     * Runs {@code strategy} for up to {@code budget} trials (fewer when it runs out of points).
     *
     * @return the hypervolume share after each trial: element k is after k + 1 trials
     */
    public double[] run(SearchStrategy strategy, int budget) {
        List<double[]> front = new ArrayList<>();
        double[] shares = new double[budget];
        double current = 0;
        int spent = 0;
        while (spent < budget) {
            Optional<Point> next = strategy.ask();
            if (next.isEmpty()) {
                break;
            }
            double[] measured = table.lookup(next.get());
            strategy.tell(next.get(), measured);
            if (joinFront(front, measured)) {
                current = share(front);
            }
            shares[spent++] = current;
        }
        return Arrays.copyOf(shares, spent);
    }

    /**
     * Adds {@code p} to the non-dominated {@code front} unless a point there is at least as good in
     * both objectives; drops the points it dominates.
     *
     * @return whether the front changed
     */
    static boolean joinFront(List<double[]> front, double[] p) {
        for (double[] q : front) {
            if (q[0] >= p[0] && q[1] <= p[1]) {
                return false;
            }
        }
        front.removeIf(q -> p[0] >= q[0] && p[1] <= q[1]);
        front.add(p);
        return true;
    }

    /**
     * Every strategy for every seed, each searching the whole table (so every budget is a prefix of
     * one run; no strategy's proposals depend on the budget).
     *
     * @return per strategy, per seed, the share after each trial
     */
    public Map<String, double[][]> curves(List<String> strategies, int seeds) {
        return curves(strategies, seeds, table.size());
    }

    /**
     * Every strategy for seeds 1..{@code seeds}, each for up to {@code maxTrials} trials.
     *
     * @return per strategy, per seed, the share after each trial
     */
    public Map<String, double[][]> curves(List<String> strategies, int seeds, int maxTrials) {
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (String name : strategies) {
            double[][] perSeed = new double[seeds][];
            for (int s = 0; s < seeds; s++) {
                SearchStrategy strategy =
                        SearchStrategies.create(name, table.space(), DIRECTIONS, s + 1L);
                perSeed[s] = run(strategy, maxTrials);
            }
            curves.put(name, perSeed);
        }
        return curves;
    }

    /** Trials of a budget given as a fraction of the grid: rounded, at least 1. */
    public int trials(double fraction) {
        return (int) Math.max(1, Math.round(fraction * table.size()));
    }

    /** Median, minimum and maximum of the shares at {@code trials} trials over seeds. */
    public static Spread spread(double[][] perSeed, int trials) {
        double[] values = new double[perSeed.length];
        for (int s = 0; s < perSeed.length; s++) {
            double[] curve = perSeed[s];
            values[s] = curve.length == 0 ? 0 : curve[Math.min(trials, curve.length) - 1];
        }
        Arrays.sort(values);
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Spread(median, values[0], values[n - 1]);
    }

    /**
     * Median and range of a share over seeds.
     *
     * @param median the median share (0..1)
     * @param min the smallest
     * @param max the largest
     */
    public record Spread(double median, double min, double max) {}
}
