package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxisAndSpaceTest {

    @Test
    void discretized_evenlySpacedWithShortValues() {
        assertEquals(
                List.of("0.5", "0.6", "0.7", "0.8", "0.9"),
                Axis.discretized("prune.ratio", 0.5, 0.9, 5).values());
        assertEquals(List.of("2", "5", "8"), Axis.discretized("t", 2, 8, 3).values());
    }

    @Test
    void badAxes_sayWhat() {
        var e = assertThrows(IllegalArgumentException.class, () -> Axis.of("bits", "8", "8"));
        assertTrue(e.getMessage().contains("bits repeats a value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Axis.discretized("r", 0.9, 0.5, 3));
        assertThrows(IllegalArgumentException.class, () -> Axis.discretized("r", 0.5, 0.9, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchSpace.of(Axis.of("a", "1"), Axis.of("a", "2")));
    }

    @Test
    void points_inGridOrder_lastAxisFastest() {
        SearchSpace space = SearchSpace.of(Axis.of("t", "2", "4"), Axis.of("bits", "8", "4", "2"));
        assertEquals(6, space.size());
        assertEquals(
                List.of(
                        Point.of(0, 0),
                        Point.of(0, 1),
                        Point.of(0, 2),
                        Point.of(1, 0),
                        Point.of(1, 1),
                        Point.of(1, 2)),
                space.points());
        assertEquals(Map.of("t", "4", "bits", "2"), space.values(Point.of(1, 2)));
    }

    @Test
    void restrictedSpace_containsOnlyAllowedPoints() {
        SearchSpace space =
                SearchSpace.of(Axis.of("t", "2", "4"), Axis.of("bits", "8", "4"))
                        .restrictedTo(List.of(Point.of(1, 1), Point.of(0, 0)));
        assertEquals(2, space.size());
        assertEquals(List.of(Point.of(0, 0), Point.of(1, 1)), space.points());
        assertFalse(space.contains(Point.of(0, 1)));
        assertFalse(space.contains(Point.of(2, 0)));
        assertThrows(
                IllegalArgumentException.class,
                () -> SearchSpace.of(Axis.of("t", "2")).restrictedTo(List.of(Point.of(3))));
    }
}
