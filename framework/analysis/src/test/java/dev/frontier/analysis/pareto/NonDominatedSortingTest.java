package dev.frontier.analysis.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonDominatedSortingTest {

    private static double[] p(double... c) {
        return c;
    }

    @Test
    void ranks_peelFrontsInOrder() {
        int[] ranks =
                NonDominatedSorting.ranks(
                        List.of(p(1, 5), p(2, 2), p(5, 1), p(3, 3), p(4, 4), p(6, 6)));
        assertArrayEquals(new int[] {1, 1, 1, 2, 3, 4}, ranks);
    }

    @Test
    void duplicates_shareTheirRank() {
        int[] ranks = NonDominatedSorting.ranks(List.of(p(2, 2), p(1, 1), p(2, 2), p(1, 1)));
        assertArrayEquals(new int[] {2, 1, 2, 1}, ranks);
    }

    @Test
    void equalInOneObjectiveAndBetterInAnother_dominates() {
        assertTrue(NonDominatedSorting.dominates(p(1, 2), p(1, 3)));
        assertArrayEquals(new int[] {2, 1}, NonDominatedSorting.ranks(List.of(p(1, 3), p(1, 2))));
    }

    @Test
    void identicalPoints_doNotDominateEachOther() {
        assertFalse(NonDominatedSorting.dominates(p(1, 2, 3), p(1, 2, 3)));
    }

    @Test
    void threeObjectives_tradeOffsStayOnTheFront() {
        int[] ranks =
                NonDominatedSorting.ranks(
                        List.of(p(1, 9, 9), p(9, 1, 9), p(9, 9, 1), p(9, 9, 9), p(5, 5, 5)));
        assertArrayEquals(new int[] {1, 1, 1, 2, 1}, ranks);
    }

    @Test
    void nonFiniteCosts_areRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> NonDominatedSorting.ranks(List.of(p(1, Double.NaN))));
    }

    @Test
    void noPoints_giveNoRanks() {
        assertArrayEquals(new int[0], NonDominatedSorting.ranks(List.of()));
    }
}
