package dev.frontier.analysis.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTicksTest {

    private static List<String> labels(List<Double> ticks, boolean bytes) {
        return ticks.stream().map(t -> LogTicks.label(t, bytes)).toList();
    }

    @Test
    void sizes_tickAtOneTwoFiveKilobytesAndMegabytes() {
        List<Double> ticks = LogTicks.choose(15_000, 7_000_000, true, 8);
        assertEquals(
                List.of("20 KB", "50 KB", "100 KB", "200 KB", "500 KB", "1 MB", "2 MB", "5 MB"),
                labels(ticks, true));
        assertEquals(20 * 1024.0, ticks.get(0));
        assertEquals(5 * 1024.0 * 1024, ticks.get(7));
    }

    @Test
    void longRange_thinsToDecades_shortRange_addsSteps() {
        assertEquals(
                List.of("1 KB", "10 KB", "100 KB", "1 MB", "10 MB", "100 MB", "1 GB"),
                labels(LogTicks.choose(1000, 1.1e9, true, 8), true));
        assertEquals(
                List.of("20k", "30k", "40k", "50k", "60k", "80k"),
                labels(LogTicks.choose(2e4, 8.5e4, false, 8), false));
        assertEquals(
                List.of("200 KB", "300 KB", "500 KB", "1 MB"),
                labels(LogTicks.choose(105_000, 2_060_000, true, 8), true));
    }

    @Test
    void veryShortRange_fallsBackToEvenRoundSteps() {
        List<Double> ticks = LogTicks.choose(1.01 * 1024 * 1024, 1.09 * 1024 * 1024, true, 8);
        assertEquals(List.of("1.02 MB", "1.04 MB", "1.06 MB", "1.08 MB"), labels(ticks, true));
    }

    @Test
    void percentAxis_usesTheFewestDecimalsThatTellTicksApart() {
        assertEquals(0, ChartAxes.percentDecimals(0.13));
        assertEquals(0, ChartAxes.percentDecimals(0.059));
        assertEquals(1, ChartAxes.percentDecimals(0.025));
        assertEquals(2, ChartAxes.percentDecimals(0.002));
        assertEquals(3, ChartAxes.percentDecimals(1e-6));
    }

    @Test
    void neverMoreThanMaxTicks() {
        for (double max : new double[] {1e3, 1e6, 1e9, 1e15}) {
            List<Double> ticks = LogTicks.choose(1, max, false, 5);
            assertTrue(ticks.size() >= 2 && ticks.size() <= 5, max + ": " + ticks);
        }
    }

    @Test
    void labels_avoidOneAnotherAndStayInsideThePlot() {
        var bounds = new Rectangle2D.Double(0, 0, 300, 200);
        var anchors =
                List.<Point2D>of(
                        new Point2D.Double(100, 100),
                        new Point2D.Double(104, 100),
                        new Point2D.Double(108, 102),
                        new Point2D.Double(295, 5));
        double[] widths = {60, 60, 60, 60};
        List<Rectangle2D> boxes =
                LabelLayout.place(anchors, widths, 14, anchors, 4.5, List.of(), bounds);
        for (int i = 0; i < boxes.size(); i++) {
            assertNotNull(boxes.get(i), "label " + i);
            assertTrue(bounds.contains(boxes.get(i)), "inside: " + boxes.get(i));
            for (int j = 0; j < i; j++) {
                assertTrue(!boxes.get(i).intersects(boxes.get(j)), i + " overlaps " + j);
            }
        }
        assertTrue(
                boxes.get(3).getMaxX() <= 295,
                "a point at the right edge gets its label on the left");
        Point2D centre = new Point2D.Double(30, 20);
        List<Rectangle2D> crowded =
                LabelLayout.place(
                        List.of(centre, centre, centre),
                        new double[] {30, 30, 30},
                        12,
                        List.of(),
                        4.5,
                        List.of(),
                        new Rectangle2D.Double(0, 0, 60, 40));
        assertEquals(
                new Rectangle2D.Double(15, 0.5, 30, 12),
                crowded.get(0),
                "above: left and right do not fit");
        assertEquals(new Rectangle2D.Double(15, 27.5, 30, 12), crowded.get(1), "below");
        assertNull(crowded.get(2), "no free spot left: the third label is left out");
        Rectangle2D offTheLine =
                LabelLayout.place(
                                List.of(new Point2D.Double(100, 100)),
                                new double[] {40},
                                12,
                                List.of(),
                                4.5,
                                List.of(new Line2D.Double(100, 100, 200, 100)),
                                bounds)
                        .get(0);
        assertEquals(
                new Rectangle2D.Double(52.5, 94, 40, 12),
                offTheLine,
                "a line to the right sends the label left");
    }
}
