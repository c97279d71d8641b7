package dev.frontier.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void wilson_matchesPublishedValues() {
        // 81 of 263 (Wilson 1927 example as used by Newcombe 1998): 0.2553 .. 0.3662
        Proportion p = Proportion.wilson(81, 263);
        assertEquals(0.30798, p.value(), 1e-5);
        assertEquals(0.2553, p.low(), 1e-4);
        assertEquals(0.3662, p.high(), 1e-4);
    }

    @Test
    void wilson_staysInsideZeroOne() {
        Proportion all = Proportion.wilson(10, 10);
        assertEquals(1.0, all.high(), 1e-12);
        assertTrue(all.low() > 0.69 && all.low() < 0.73, "low " + all.low());
    }

    @Test
    void mcnemar_exactSmallSample() {
        // b=1, c=9: two-sided exact p = 2 * P(X<=1 | n=10, 0.5) = 2 * 11/1024
        assertEquals(22.0 / 1024, McNemar.of(1, 9).pValue(), 1e-12);
    }

    @Test
    void mcnemar_chiSquareLargeSample() {
        // b=40, c=20: chi2 = (|40-20|-1)^2/60 = 6.0167, p = 0.01418
        McNemar m = McNemar.of(40, 20);
        assertEquals(0.01418, m.pValue(), 2e-4);
        assertTrue(m.significant(0.05));
        assertFalse(McNemar.of(30, 28).significant(0.05));
    }

    @Test
    void mcnemar_countsDiscordantPairs() {
        McNemar m =
                McNemar.test(
                        new boolean[] {true, true, false, false, true},
                        new boolean[] {true, false, true, false, false});
        assertEquals(2, m.baselineOnlyCorrect());
        assertEquals(1, m.candidateOnlyCorrect());
    }
}
