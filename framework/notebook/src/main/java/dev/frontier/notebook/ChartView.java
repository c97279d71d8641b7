package dev.frontier.notebook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders an XChart chart as a display bundle: an inline PNG or SVG image, with a one-line text
 * description (title and series) as the plain-text fallback. Rendering is headless.
 */
public final class ChartView {

    private ChartView() {}

    /**
     * Returns the chart as a PNG image.
     *
     * @param chart the chart
     * @return the bundle
     */
    public static MimeBundle png(Chart<?, ?> chart) {
        headless();
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return MimeBundle.of(
                    MimeBundle.PNG, Base64.getEncoder().encodeToString(png), describe(chart));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not encode chart '" + chart.getTitle() + "' as PNG", e);
        }
    }

    /**
     * Returns the chart as an SVG image (sharp at any zoom, larger for many points).
     *
     * @param chart the chart
     * @return the bundle
     */
    public static MimeBundle svg(Chart<?, ?> chart) {
        headless();
        try {
            var out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(
                    chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return MimeBundle.of(
                    MimeBundle.SVG, out.toString(StandardCharsets.UTF_8), describe(chart));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not encode chart '" + chart.getTitle() + "' as SVG", e);
        }
    }

    /**
     * Returns the text form of a chart: {@code [chart] title (x title vs y title): series a, ...},
     * naming the series its legend shows (not helper series such as a log axis' grid).
     *
     * @param chart the chart
     * @return the description
     */
    public static String describe(Chart<?, ?> chart) {
        String series =
                chart.getSeriesMap().values().stream()
                        .filter(s -> s.isShowInLegend())
                        .map(s -> s.getName())
                        .collect(Collectors.joining(", "));
        return "[chart] "
                + chart.getTitle()
                + " ("
                + chart.getXAxisTitle()
                + " vs "
                + chart.getYAxisTitle()
                + "): "
                + series;
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
