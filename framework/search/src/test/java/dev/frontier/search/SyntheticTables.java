package dev.frontier.search;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Synthetic replay tables with a known trade-off between accuracy and bytes. */
final class SyntheticTables {

    private SyntheticTables() {}

    /**
     * 10 bit widths x 10 prune ratios x 8 temperatures = 800 points. Bytes grow with bits and fall
     * with the ratio; accuracy falls with fewer bits and more pruning, and every temperature but
     * the best (index 3) costs accuracy, so the front holds only temperature-3 points.
     */
    static ReplayTable compression() {
        List<Axis> axes =
                List.of(
                        Axis.discretized("bits", 1, 10, 10),
                        Axis.discretized("ratio", 0, 0.9, 10),
                        Axis.discretized("temperature", 1, 8, 8));
        Map<Point, double[]> results = new HashMap<>();
        for (int b = 0; b < 10; b++) {
            for (int r = 0; r < 10; r++) {
                for (int t = 0; t < 8; t++) {
                    double bits = b + 1;
                    double keep = 1 - 0.09 * r;
                    double bytes = 1000 * bits * keep + 200;
                    double acc =
                            0.92
                                    - 0.25 / (bits * bits)
                                    - 0.12 * Math.pow(1 - keep, 2)
                                    - 0.02 * Math.abs(t - 3);
                    results.put(Point.of(b, r, t), new double[] {acc, bytes});
                }
            }
        }
        return ReplayTable.of(axes, results, "synthetic compression table");
    }
}
