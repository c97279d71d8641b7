package dev.frontier.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    private static double[] p(double... c) {
        return c;
    }

    @Test
    void twoObjectives_twoCornersOfUnitSquare_coverThreeQuarters() {
        // [0,1]x[0.5,1] and [0.5,1]x[0,1] overlap in [0.5,1]x[0.5,1]: 0.5 + 0.5 - 0.25.
        assertEquals(0.75, Hypervolume.of(List.of(p(0, 0.5), p(0.5, 0)), p(1, 1)), 1e-12);
    }

    @Test
    void twoObjectives_staircaseOfThreePoints() {
        // Rows of the staircase: y in [3,4] width 3, [2,3] width 2, [1,2] width 1.
        assertEquals(6, Hypervolume.of(List.of(p(1, 3), p(2, 2), p(3, 1)), p(4, 4)), 1e-12);
    }

    @Test
    void dominatedAndDuplicatePoints_addNothing() {
        List<double[]> front = List.of(p(0, 0.5), p(0.5, 0));
        List<double[]> noisy = List.of(p(0.6, 0.6), p(0, 0.5), p(0.5, 0), p(0, 0.5), p(0.5, 1));
        assertEquals(Hypervolume.of(front, p(1, 1)), Hypervolume.of(noisy, p(1, 1)), 1e-12);
    }

    @Test
    void pointsNotStrictlyInsideTheReference_addNothing() {
        assertEquals(0, Hypervolume.of(List.of(p(2, 0), p(1, 0), p(0, 1)), p(1, 1)), 0);
        assertEquals(0, Hypervolume.of(List.of(), p(1, 1)), 0);
    }

    @Test
    void threeObjectives_singlePoint_isItsBox() {
        assertEquals(24, Hypervolume.of(List.of(p(0, 0, 0)), p(2, 3, 4)), 1e-12);
    }

    @Test
    void threeObjectives_twoOverlappingBoxes_byInclusionExclusion() {
        // Box of (0,0,1) is 2*2*1 = 4, box of (1,1,0) is 1*1*2 = 2, their overlap [1,2]^3 is 1.
        assertEquals(5, Hypervolume.of(List.of(p(0, 0, 1), p(1, 1, 0)), p(2, 2, 2)), 1e-12);
    }

    @Test
    void threeAndFourObjectives_matchInclusionExclusionOnRandomPoints() {
        var random = new Random(7);
        for (int dims = 3; dims <= 4; dims++) {
            for (int round = 0; round < 20; round++) {
                var points = new ArrayList<double[]>();
                for (int i = 0; i < 7; i++) {
                    double[] c = new double[dims];
                    for (int j = 0; j < dims; j++) {
                        c[j] = Math.floor(random.nextDouble() * 10) / 10;
                    }
                    points.add(c);
                }
                double[] reference = new double[dims];
                java.util.Arrays.fill(reference, 1);
                assertEquals(
                        inclusionExclusion(points, reference),
                        Hypervolume.of(points, reference),
                        1e-9);
            }
        }
    }

    /** Volume of the union of boxes [p, reference] by summing over all subsets. */
    private static double inclusionExclusion(List<double[]> points, double[] reference) {
        double total = 0;
        for (int mask = 1; mask < (1 << points.size()); mask++) {
            double volume = 1;
            for (int j = 0; j < reference.length; j++) {
                double low = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < points.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        low = Math.max(low, points.get(i)[j]);
                    }
                }
                volume *= Math.max(0, reference[j] - low);
            }
            total += Integer.bitCount(mask) % 2 == 1 ? volume : -volume;
        }
        return total;
    }
}
