package dev.frontier.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KneePointTest {

    private static double[] p(double... c) {
        return c;
    }

    @Test
    void twoObjectives_pickThePointFarthestFromTheExtremeLine() {
        // Normalised: (0,1), (0.1,0.4), (0.3,0.1), (1,0); distances to x+y=1 are 0, 0.5/√2, 0.6/√2,
        // 0.
        assertEquals(2, KneePoint.indexOf(List.of(p(0, 10), p(1, 4), p(3, 1), p(10, 0))));
    }

    @Test
    void twoObjectives_ignoreScaleDifferencesBetweenObjectives() {
        // Same front as above with the second objective in thousands: normalisation removes the
        // scale.
        assertEquals(
                2, KneePoint.indexOf(List.of(p(0, 10_000), p(1, 4_000), p(3, 1_000), p(10, 0))));
    }

    @Test
    void straightFront_fallsBackToThePointNearestTheIdeal() {
        assertEquals(1, KneePoint.indexOf(List.of(p(0, 2), p(1, 1), p(2, 0))));
    }

    @Test
    void threeObjectives_pickThePointNearestTheNormalisedIdeal() {
        assertEquals(
                1,
                KneePoint.indexOf(List.of(p(0, 10, 10), p(5, 5, 5), p(10, 0, 10), p(10, 10, 0))));
    }

    @Test
    void singlePoint_isItsOwnKnee_andEmptyFrontHasNone() {
        assertEquals(0, KneePoint.indexOf(List.<double[]>of(p(3, 4))));
        assertEquals(-1, KneePoint.indexOf(List.of()));
    }
}
