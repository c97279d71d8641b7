package dev.frontier.analysis.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Names next to chosen points (the frontier trials), placed by {@link LabelLayout} so they overlap
 * neither one another nor, where it can be helped, other markers; each on a faint white box so grid
 * lines do not cross the text.
 */
final class PointLabels extends Annotation {

    /** Labels longer than this are shortened with an ellipsis. */
    static final int MAX_LENGTH = 18;

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color TEXT = new Color(0x333333);
    private static final Color BOX = new Color(255, 255, 255, 200);

    /**
     * One label.
     *
     * @param text the label
     * @param x the point's x, in chart units
     * @param y the point's y
     */
    record Label(String text, double x, double y) {}

    private final List<Label> labels;
    private final List<Point2D> markers;
    private final double markerRadius;
    private final List<Point2D> line;

    /**
     * Creates the labels.
     *
     * @param labels the labels, in placement order
     * @param markers every plotted point, in chart units (labels avoid covering them)
     * @param markerRadius half a marker's size, in pixels
     * @param line the vertices of a polyline labels should not cross (the frontier), in chart units
     */
    PointLabels(
            List<Label> labels, List<Point2D> markers, double markerRadius, List<Point2D> line) {
        super(false);
        this.labels = List.copyOf(labels);
        this.markers = List.copyOf(markers);
        this.markerRadius = markerRadius;
        this.line = List.copyOf(line);
    }

    /**
     * Returns the labels, in placement order.
     *
     * @return the labels
     */
    List<Label> labels() {
        return labels;
    }

    /** Shortens a name to {@link #MAX_LENGTH} characters, ending with an ellipsis when cut. */
    static String shorten(String name) {
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH - 1) + "…";
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || labels.isEmpty()) {
            return;
        }
        Object oldHint = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        FontMetrics metrics = g.getFontMetrics();
        var anchors = new ArrayList<Point2D>();
        double[] widths = new double[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            Label label = labels.get(i);
            anchors.add(
                    new Point2D.Double(
                            getXAxisScreenValue(label.x()), getYAxisScreenValue(label.y())));
            widths[i] = metrics.stringWidth(label.text()) + 4;
        }
        var screenMarkers = new ArrayList<Point2D>();
        markers.forEach(
                m ->
                        screenMarkers.add(
                                new Point2D.Double(
                                        getXAxisScreenValue(m.getX()),
                                        getYAxisScreenValue(m.getY()))));
        var segments = new ArrayList<Line2D>();
        for (int i = 1; i < line.size(); i++) {
            segments.add(
                    new Line2D.Double(
                            getXAxisScreenValue(line.get(i - 1).getX()),
                            getYAxisScreenValue(line.get(i - 1).getY()),
                            getXAxisScreenValue(line.get(i).getX()),
                            getYAxisScreenValue(line.get(i).getY())));
        }
        int left = getXAxisScreenValueForMin();
        int top = getYAxisScreenValueForMin();
        var plot =
                new Rectangle2D.Double(
                        left,
                        top,
                        getXAxisScreenValueForMax() - left,
                        getYAxisScreenValueForMax() - top);
        double height = metrics.getAscent() + metrics.getDescent();
        List<Rectangle2D> boxes =
                LabelLayout.place(
                        anchors, widths, height, screenMarkers, markerRadius, segments, plot);
        for (int i = 0; i < labels.size(); i++) {
            Rectangle2D box = boxes.get(i);
            if (box == null) {
                continue;
            }
            g.setColor(BOX);
            g.fill(
                    new RoundRectangle2D.Double(
                            box.getX(), box.getY(), box.getWidth(), box.getHeight(), 4, 4));
            g.setColor(TEXT);
            g.drawString(
                    labels.get(i).text(),
                    (float) (box.getX() + 2),
                    (float) (box.getY() + metrics.getAscent()));
        }
        bounds = plot;
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, oldHint);
    }
}
