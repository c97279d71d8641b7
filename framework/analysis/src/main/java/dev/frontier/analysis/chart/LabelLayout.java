package dev.frontier.analysis.chart;

import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Places text labels next to points without overlapping one another: each label tries spots around
 * its point (right, left, above, below, the diagonals, then farther out) and takes the first that
 * stays inside the plot, overlaps no label placed before it, and covers the least of the other
 * markers and lines (a crossed line counts as much as {@value #LINE_COST} square pixels of marker).
 * A label with no free spot is left out.
 */
final class LabelLayout {

    private static final double GAP = 3;
    private static final double FAR = 14;
    private static final double LINE_COST = 40;

    private LabelLayout() {}

    /**
     * Returns each label's box, in the order given, or null for a label left out.
     *
     * @param anchors the points the labels belong to, in screen coordinates
     * @param widths the labels' widths
     * @param height the labels' height
     * @param markers every marker's centre (labels avoid covering them)
     * @param markerRadius half a marker's size
     * @param lines line segments labels should not cross, e.g. the frontier
     * @param bounds the area labels must stay in
     * @return the boxes
     */
    static List<Rectangle2D> place(
            List<Point2D> anchors,
            double[] widths,
            double height,
            List<Point2D> markers,
            double markerRadius,
            List<Line2D> lines,
            Rectangle2D bounds) {
        var placed = new ArrayList<Rectangle2D>();
        var result = new ArrayList<Rectangle2D>();
        for (int i = 0; i < anchors.size(); i++) {
            Rectangle2D best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (Rectangle2D candidate :
                    candidates(anchors.get(i), widths[i], height, markerRadius)) {
                if (!bounds.contains(candidate)
                        || placed.stream().anyMatch(candidate::intersects)) {
                    continue;
                }
                double cost = 0;
                for (Point2D m : markers) {
                    Rectangle2D marker =
                            new Rectangle2D.Double(
                                    m.getX() - markerRadius,
                                    m.getY() - markerRadius,
                                    2 * markerRadius,
                                    2 * markerRadius);
                    if (marker.intersects(candidate)) {
                        Rectangle2D overlap = marker.createIntersection(candidate);
                        cost += overlap.getWidth() * overlap.getHeight();
                    }
                }
                for (Line2D line : lines) {
                    if (candidate.intersectsLine(line)) {
                        cost += LINE_COST;
                    }
                }
                if (cost < bestCost) {
                    best = candidate;
                    bestCost = cost;
                    if (cost == 0) {
                        break;
                    }
                }
            }
            if (best != null) {
                placed.add(best);
            }
            result.add(best);
        }
        return result;
    }

    private static List<Rectangle2D> candidates(Point2D anchor, double w, double h, double radius) {
        double x = anchor.getX();
        double y = anchor.getY();
        var spots = new ArrayList<Rectangle2D>();
        for (double d : new double[] {radius + GAP, radius + GAP + FAR}) {
            double diagonal = d * 0.7;
            spots.add(box(x + d, y - h / 2, w, h));
            spots.add(box(x - d - w, y - h / 2, w, h));
            spots.add(box(x - w / 2, y - d - h, w, h));
            spots.add(box(x - w / 2, y + d, w, h));
            spots.add(box(x + diagonal, y - diagonal - h, w, h));
            spots.add(box(x + diagonal, y + diagonal, w, h));
            spots.add(box(x - diagonal - w, y - diagonal - h, w, h));
            spots.add(box(x - diagonal - w, y + diagonal, w, h));
        }
        return spots;
    }

    private static Rectangle2D box(double x, double y, double w, double h) {
        return new Rectangle2D.Double(x, y, w, h);
    }
}
