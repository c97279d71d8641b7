package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchCurveTest {

    @Test
    void curveGrowsWithEachFrontPoint_andStoppedTrialsAddNothing() {
        // accuracies 0.8 / 0.9, bytes 100 / 200: reference (0.79, 210)
        double[] hv =
                SearchCurve.hypervolumes(
                        Arrays.asList(
                                new double[] {0.8, 100},
                                null,
                                new double[] {0.9, 200},
                                new double[] {0.85, 250 - 50}));
        double first = (0.8 - 0.79) * (210 - 100);
        double both = first + (0.9 - 0.8) * (210 - 200);
        assertEquals(first, hv[0], 1e-12);
        assertEquals(first, hv[1], 1e-12, "a stopped trial adds nothing");
        assertEquals(both, hv[2], 1e-12);
        assertEquals(both, hv[3], 1e-12, "a dominated trial adds nothing");
    }

    @Test
    void nothingMeasured_isAllZero() {
        assertArrayEquals(new double[2], SearchCurve.hypervolumes(Arrays.asList(null, null)));
        assertArrayEquals(new double[0], SearchCurve.hypervolumes(List.of()));
    }
}
