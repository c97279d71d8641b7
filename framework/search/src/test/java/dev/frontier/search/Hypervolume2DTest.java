package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.frontier.analysis.pareto.Hypervolume;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Hypervolume2DTest {

    private static double[] p(double acc, double bytes) {
        return new double[] {acc, bytes};
    }

    @Test
    void onePoint_isItsRectangle() {
        // (0.9 - 0.5) * (200 - 100)
        assertEquals(40, Hypervolume2D.of(List.of(p(0.9, 100)), 0.5, 200), 1e-9);
    }

    @Test
    void staircase_handComputed() {
        // sorted by accuracy, best first: 0.9 @ 100 covers 0.4 x 100 = 40; 0.8 @ 50 adds 0.3 x 50 =
        // 15; 0.6 @ 20 adds 0.1 x 30 = 3. Total 58.
        assertEquals(
                58, Hypervolume2D.of(List.of(p(0.8, 50), p(0.9, 100), p(0.6, 20)), 0.5, 200), 1e-9);
    }

    @Test
    void dominatedDuplicateAndOutsidePoints_addNothing() {
        List<double[]> noisy =
                List.of(
                        p(0.9, 100),
                        p(0.8, 50),
                        p(0.9, 100),
                        p(0.7, 120), // dominated by (0.8, 50)
                        p(0.4, 10), // worse accuracy than the reference
                        p(0.95, 250)); // more bytes than the reference
        assertEquals(55, Hypervolume2D.of(noisy, 0.5, 200), 1e-9);
        assertEquals(0, Hypervolume2D.of(List.of(p(0.5, 100), p(0.9, 200)), 0.5, 200), 0);
        assertEquals(0, Hypervolume2D.of(List.of(), 0.5, 200), 0);
    }

    @Test
    void agreesWithTheSweepSummarysExactSweep() {
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            List<double[]> points = new ArrayList<>();
            List<double[]> costs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                double acc = 0.5 + 0.5 * random.nextDouble();
                double bytes = 1000 + 50_000 * random.nextDouble();
                points.add(p(acc, bytes));
                costs.add(new double[] {-acc, bytes});
            }
            double expected = Hypervolume.of(costs, new double[] {-0.55, 48_000});
            assertEquals(expected, Hypervolume2D.of(points, 0.55, 48_000), 1e-9 * expected);
        }
    }

    @Test
    void badReference_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> Hypervolume2D.of(List.of(), 1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> Hypervolume2D.of(List.of(), 0.5, 0));
    }
}
