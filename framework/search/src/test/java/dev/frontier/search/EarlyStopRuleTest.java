package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EarlyStopRuleTest {

    private static final EarlyStopRule.Measured SMALL_GOOD =
            new EarlyStopRule.Measured("t1", "small-good", 0.88, 20_000);
    private static final EarlyStopRule.Measured BIG_BEST =
            new EarlyStopRule.Measured("t2", "big-best", 0.91, 240_000);
    private static final EarlyStopRule.Measured SMALL_WORSE =
            new EarlyStopRule.Measured("t3", "small-worse", 0.86, 15_000);
    private static final List<EarlyStopRule.Measured> FRONT =
            List.of(SMALL_GOOD, BIG_BEST, SMALL_WORSE);

    private final EarlyStopRule rule = new EarlyStopRule(0.02);

    @Test
    void trialBeatenByMoreThanTheMargin_atNoLargerSize_stops_namingTheBestSuchPoint() {
        EarlyStopRule.Verdict v = rule.judge(0.70, 30_000, FRONT).orElseThrow();
        // t1 and t3 are both small enough and ahead by more than 2 points: the more accurate is
        // named
        assertEquals(SMALL_GOOD, v.by());
        assertEquals(0.18, v.gap(), 1e-12);
        assertEquals(
                "stopped after 1 epoch: validation accuracy 70.00% at an estimated 30000 B; t1"
                        + " (small-good) is 18.00 pts more accurate (margin 2.00) at an estimated 20000 B",
                v.reason("after 1 epoch"));
    }

    @Test
    void trialWithinTheMargin_goesOn() {
        // 0.865 + 0.02 > 0.88: it could still reach t1
        assertEquals(Optional.empty(), rule.judge(0.865, 30_000, FRONT));
        // exactly at the margin: beaten (0.86 + 0.02 = 0.88)
        assertTrue(rule.judge(0.86, 30_000, FRONT).isPresent());
    }

    @Test
    void smallerTrial_isNeverStoppedByLargerOnes() {
        // smaller than every measured trial: nothing is at most its size
        assertEquals(Optional.empty(), rule.judge(0.10, 10_000, FRONT));
        // between t3 and t1 in size: only t3 (0.86) can beat it
        assertEquals(SMALL_WORSE, rule.judge(0.50, 16_000, FRONT).orElseThrow().by());
    }

    @Test
    void equalSizes_andTies_pickTheSmallerFile() {
        var twin = new EarlyStopRule.Measured("t4", "twin", 0.88, 18_000);
        assertEquals(twin, rule.judge(0.5, 30_000, List.of(SMALL_GOOD, twin)).orElseThrow().by());
        // a point exactly at the trial's size counts (no larger)
        assertEquals(SMALL_GOOD, rule.judge(0.5, 20_000, List.of(SMALL_GOOD)).orElseThrow().by());
    }

    @Test
    void nanFigures_neverStop_andNothingMeasured_neverStops() {
        assertEquals(Optional.empty(), rule.judge(Double.NaN, 30_000, FRONT));
        assertEquals(Optional.empty(), rule.judge(0.1, Double.NaN, FRONT));
        assertEquals(Optional.empty(), rule.judge(0.1, 30_000, List.of()));
        var broken = new EarlyStopRule.Measured("t9", "nan", Double.NaN, 1);
        assertEquals(Optional.empty(), rule.judge(0.1, 30_000, List.of(broken)));
    }

    @Test
    void zeroMargin_isPlainWeakDomination_andBadMarginsAreRefused() {
        EarlyStopRule strict = new EarlyStopRule(0);
        assertTrue(strict.judge(0.88, 20_000, List.of(SMALL_GOOD)).isPresent());
        assertEquals(Optional.empty(), strict.judge(0.881, 20_000, List.of(SMALL_GOOD)));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopRule(1.0));
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopRule(-0.01));
    }
}
