package dev.frontier.analysis.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Draws the labels and tick marks of a log x axis at chosen values, in the font and colour of the
 * chart's tick labels, in the space XChart keeps for its own (hidden) labels. A label that would
 * touch the previous one is skipped.
 */
final class TickLabels extends Annotation {

    private final List<Double> ticks;
    private final List<String> labels;

    TickLabels(List<Double> ticks, List<String> labels) {
        super(false);
        this.ticks = List.copyOf(ticks);
        this.labels = List.copyOf(labels);
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible) {
            return;
        }
        AxesChartStyler axes = (AxesChartStyler) styler;
        Object oldHint = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(axes.getAxisTickLabelsFont());
        FontMetrics metrics = g.getFontMetrics();
        int left = getXAxisScreenValueForMin();
        int right = getXAxisScreenValueForMax();
        int bottom = getYAxisScreenValueForMax();
        int markLength = axes.getAxisTickMarkLength();
        double baseline =
                bottom
                        + markLength
                        + axes.getAxisTickPadding()
                        + metrics.getAscent()
                        - metrics.getDescent();
        double lastRight = Double.NEGATIVE_INFINITY;
        Color labelColor = axes.getYAxisTickLabelsColor();
        Color markColor = axes.getYAxisTickMarksColor();
        for (int i = 0; i < ticks.size(); i++) {
            double x = getXAxisScreenValue(ticks.get(i));
            if (x < left - 0.5 || x > right + 0.5) {
                continue;
            }
            int width = metrics.stringWidth(labels.get(i));
            double start = x - width / 2.0;
            if (start < lastRight + metrics.charWidth(' ') * 2
                    || start + width > chart.getWidth()) {
                continue;
            }
            g.setColor(markColor);
            g.setStroke(axes.getAxisTickMarksStroke());
            g.draw(new Line2D.Double(x, bottom, x, bottom + markLength));
            g.setColor(labelColor);
            g.drawString(labels.get(i), (float) start, (float) baseline);
            lastRight = start + width;
        }
        bounds = new Rectangle2D.Double(left, bottom, right - left, baseline - bottom);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, oldHint);
    }
}
