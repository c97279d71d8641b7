package dev.frontier.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LimitsTest {
    @Test
    void interval_describesItselfAsMessagesDo() {
        assertEquals("in [0, 1)", Limits.PRUNE_RATIO.describe());
        assertEquals("in (0, 16]", Limits.WIDTH.describe());
        assertEquals("in [0, 1]", Limits.ALPHA.describe());
        assertEquals("> 0", Limits.TEMPERATURE.describe());
        assertEquals(">= 1", Limits.EPOCHS.describe());
        assertEquals("in [0.25, 2.5)", Interval.closedOpen(0.25, 2.5).describe());
        assertEquals("<= 5", new Interval(Double.NEGATIVE_INFINITY, true, 5, true).describe());
    }

    @Test
    void interval_containsItsClosedEndsOnly_andNoInfinityOrNaN() {
        assertTrue(Limits.WIDTH.contains(16));
        assertFalse(Limits.WIDTH.contains(Math.nextUp(16.0)));
        assertFalse(Limits.WIDTH.contains(0));
        assertTrue(Limits.WIDTH.contains(Double.MIN_VALUE));
        assertTrue(Limits.PRUNE_RATIO.contains(0));
        assertFalse(Limits.PRUNE_RATIO.contains(1));
        assertTrue(Limits.PRUNE_RATIO.contains(Math.nextDown(1.0)));
        assertFalse(Limits.TEMPERATURE.contains(Double.POSITIVE_INFINITY));
        assertFalse(Limits.TEMPERATURE.contains(Double.NaN));
        assertFalse(
                new Interval(0, true, Double.POSITIVE_INFINITY, true).maxClosed(),
                "an infinite end is open");
    }

    @Test
    void interval_checkNamesWhatAndTheValue() {
        assertEquals(0.5, Limits.PRUNE_RATIO.check(0.5, "ratio"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Limits.PRUNE_RATIO.check(1.0, "ratio"));
        assertEquals("ratio must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Limits.EPOCHS.check(0, "epochs"));
        assertEquals("epochs must be >= 1, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Interval(1, true, 0, true));
    }

    @Test
    void bits_areOneToEightSixteenAndThirtyTwo() {
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 16, 32), Limits.bits());
        assertEquals(
                Limits.bits(),
                IntStream.rangeClosed(-2, 40).filter(Limits::isBits).boxed().toList());
        assertFalse(Limits.isBits(1, true));
        assertTrue(Limits.isBits(1, false));
        assertTrue(Limits.isBits(2, true));
        assertEquals("1..8 (integer), 16 (half float) or 32 (float reference)", Limits.BITS_TEXT);
    }

    @Test
    void datasetNames_areTheIdxOnesThenSynthetic() {
        assertEquals(List.of("fashion-mnist", "mnist", "synthetic"), Limits.DATASET_NAMES);
        assertEquals(
                Limits.DATASET_NAMES.subList(0, Limits.IDX_DATASET_NAMES.size()),
                Limits.IDX_DATASET_NAMES);
    }
}
