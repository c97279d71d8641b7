package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final ReplayTable TABLE = SyntheticTables.compression();

    @Test
    void referencePoint_isWorstPlusTenPercentOfRange() {
        Replay replay = new Replay(TABLE);
        double minAcc = TABLE.all().stream().mapToDouble(r -> r[0]).min().orElseThrow();
        double maxAcc = TABLE.all().stream().mapToDouble(r -> r[0]).max().orElseThrow();
        double minBytes = TABLE.all().stream().mapToDouble(r -> r[1]).min().orElseThrow();
        double maxBytes = TABLE.all().stream().mapToDouble(r -> r[1]).max().orElseThrow();
        assertArrayEquals(
                new double[] {
                    minAcc - 0.1 * (maxAcc - minAcc), maxBytes + 0.1 * (maxBytes - minBytes)
                },
                replay.referencePoint(),
                1e-9);
    }

    @Test
    void grid_atFullBudget_isTheWholeHypervolume_andSharesNeverFall() {
        Replay replay = new Replay(TABLE);
        double[] curve =
                replay.run(
                        SearchStrategies.create("grid", TABLE.space(), Replay.DIRECTIONS, 1), 800);
        assertEquals(800, curve.length);
        assertEquals(1.0, curve[799], 1e-12);
        for (int k = 1; k < curve.length; k++) {
            assertTrue(curve[k] >= curve[k - 1] - 1e-12, "share fell at trial " + (k + 1));
        }
    }

    @Test
    void joinFront_keepsOnlyNonDominatedPoints() {
        List<double[]> front = new java.util.ArrayList<>();
        assertTrue(Replay.joinFront(front, new double[] {0.8, 100}));
        assertTrue(Replay.joinFront(front, new double[] {0.9, 200}));
        assertEquals(false, Replay.joinFront(front, new double[] {0.8, 150}));
        assertEquals(false, Replay.joinFront(front, new double[] {0.9, 200}));
        assertTrue(Replay.joinFront(front, new double[] {0.85, 90}));
        assertEquals(2, front.size());
        assertArrayEquals(new double[] {0.9, 200}, front.get(0), 0);
        assertArrayEquals(new double[] {0.85, 90}, front.get(1), 0);
    }

    @Test
    void spread_medianMinMaxOverSeeds() {
        double[][] perSeed = {{0.1, 0.5}, {0.2, 0.7}, {0.3, 0.6}, {0.4, 0.9}};
        Replay.Spread two = Replay.spread(perSeed, 2);
        assertEquals(0.65, two.median(), 1e-12);
        assertEquals(0.5, two.min(), 0);
        assertEquals(0.9, two.max(), 0);
        Replay.Spread one = Replay.spread(perSeed, 1);
        assertEquals(0.25, one.median(), 1e-12);
        assertEquals(0.1, one.min(), 0);
        assertEquals(0.4, one.max(), 0);
        // past the end of a shorter curve its last share holds
        assertEquals(0.9, Replay.spread(perSeed, 5).max(), 0);
    }

    @Test
    void nsga2_beatsRandom_onMedian_atAQuarterOfTheGrid() {
        Replay replay = new Replay(TABLE);
        Map<String, double[][]> curves = replay.curves(List.of("random", "nsga2"), 10, 200);
        int quarter = replay.trials(0.25);
        assertEquals(200, quarter);
        double random = Replay.spread(curves.get("random"), quarter).median();
        double nsga2 = Replay.spread(curves.get("nsga2"), quarter).median();
        System.out.printf(
                "synthetic 800 points, 200 trials: random %.4f nsga2 %.4f%n", random, nsga2);
        assertTrue(nsga2 > random, "nsga2 " + nsga2 + " vs random " + random);
    }
}
