package dev.frontier.analysis.chart;

import static dev.frontier.analysis.Trials.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

class FrontierChartTest {

    private static final Objective ACCURACY = Objective.maximize("accuracy");
    private static final Objective SIZE = Objective.minimize("size_bytes");

    private static ParetoResult sweep() {
        return ParetoAnalysis.analyze(
                SyntheticSweep.outcomes(42),
                ParetoCriteria.of(
                        ACCURACY,
                        Objective.minimize("size_bytes"),
                        Objective.minimize("latency_p50_ms")));
    }

    @Test
    void chart_hasOneSeriesPerTechnique_plusTheFrontier_andHiddenGridAndIntervalSeries() {
        XYChart chart =
                FrontierChart.of(sweep(), "size_bytes", "accuracy", true, "Accuracy vs size");
        List<String> techniques =
                List.of(
                        "baseline",
                        "prune",
                        "quantize",
                        "prune+quantize",
                        "distill",
                        "distill+quantize");
        var expected =
                new ArrayList<String>(
                        List.of(ChartAxes.GRID_SERIES, FrontierChart.FRONTIER_SERIES));
        techniques.forEach(t -> expected.add(t + FrontierChart.INTERVAL_SUFFIX));
        expected.addAll(techniques);
        assertEquals(expected, List.copyOf(chart.getSeriesMap().keySet()));
        var inLegend = new ArrayList<String>(List.of(FrontierChart.FRONTIER_SERIES));
        inLegend.addAll(techniques);
        assertEquals(
                inLegend,
                chart.getSeriesMap().values().stream()
                        .filter(XYSeries::isShowInLegend)
                        .map(XYSeries::getName)
                        .toList());
        assertEquals(3, chart.getSeriesMap().get("prune").getXData().length);
        assertEquals("Size, log scale", chart.getXAxisTitle());
        assertEquals("Accuracy (%), bars: 95% CI", chart.getYAxisTitle());
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertEquals("90%", chart.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.9));
    }

    @Test
    void errorBars_spanEachTrialsIntervalExactly_evenWhenItIsNotCentredOnTheValue() {
        XYChart chart =
                FrontierChart.of(
                        List.of(
                                ok(
                                        "a",
                                        "baseline",
                                        "accuracy",
                                        0.90,
                                        "accuracy_ci_low",
                                        0.88,
                                        "accuracy_ci_high",
                                        0.915,
                                        "size_bytes",
                                        4096),
                                ok(
                                        "b",
                                        "prune",
                                        "accuracy",
                                        0.80,
                                        "accuracy_ci_low",
                                        0.79,
                                        "accuracy_ci_high",
                                        0.81,
                                        "size_bytes",
                                        1024),
                                ok(
                                        "c",
                                        "prune",
                                        "accuracy",
                                        0.70,
                                        "accuracy_ci95",
                                        0.02,
                                        "size_bytes",
                                        2048),
                                ok("d", "prune", "accuracy", 0.60, "size_bytes", 3000)),
                        Objective.minimize("size_bytes"),
                        ACCURACY,
                        true,
                        "t");
        XYSeries baseline = chart.getSeriesMap().get("baseline" + FrontierChart.INTERVAL_SUFFIX);
        assertArrayEquals(new double[] {4096}, baseline.getXData());
        assertArrayEquals(new double[] {0.8975}, baseline.getYData(), 1e-12);
        assertArrayEquals(new double[] {0.0175}, baseline.getExtraValues(), 1e-12);
        XYSeries prune = chart.getSeriesMap().get("prune" + FrontierChart.INTERVAL_SUFFIX);
        assertArrayEquals(
                new double[] {1024, 2048},
                prune.getXData(),
                "d reports no interval and gets no bar");
        assertArrayEquals(new double[] {0.80, 0.70}, prune.getYData(), 1e-12);
        assertArrayEquals(new double[] {0.01, 0.02}, prune.getExtraValues(), 1e-12);
        assertTrue(
                chart.getSeriesMap().get("prune").getExtraValues() == null,
                "markers carry no bars of their own");
        assertEquals(
                0.60 - 0.06 * 0.315,
                chart.getStyler().getYAxisMin(),
                1e-12,
                "the range covers the bars");
        assertEquals(0.915 + 0.12 * 0.315, chart.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void withoutIntervals_theYTitleDoesNotPromiseBars() {
        XYChart chart =
                FrontierChart.of(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.9, "latency_p50_ms", 2.0),
                                ok("b", "prune", "accuracy", 0.8, "latency_p50_ms", 1.0)),
                        Objective.minimize("latency_p50_ms"),
                        ACCURACY,
                        false,
                        "t");
        assertEquals("Accuracy (%)", chart.getYAxisTitle());
        assertEquals("Latency p50 (ms)", chart.getXAxisTitle());
        assertFalse(
                chart.getSeriesMap().containsKey(ChartAxes.GRID_SERIES),
                "a linear axis keeps XChart's grid");
        assertFalse(
                chart.getSeriesMap().keySet().stream()
                        .anyMatch(n -> n.endsWith(FrontierChart.INTERVAL_SUFFIX)));
    }

    @Test
    void logAxis_ofTheSyntheticSweep_ticksAtRoundSizes() {
        List<TrialOutcome> ok =
                SyntheticSweep.outcomes(42).stream().filter(TrialOutcome::isOk).toList();
        double[] sizes =
                ok.stream().mapToDouble(o -> o.metric("size_bytes").getAsDouble()).toArray();
        double[] accuracies =
                ok.stream().mapToDouble(o -> o.metric("accuracy").getAsDouble()).toArray();
        XYChart chart = new XYChartBuilder().width(900).height(600).build();
        ChartAxes.Layout layout =
                ChartAxes.apply(chart, "size_bytes", "accuracy", true, sizes, accuracies);
        assertEquals(List.of("200 KB", "300 KB", "500 KB", "1 MB"), layout.xLabels());
        assertEquals(List.of(204800.0, 307200.0, 512000.0, 1048576.0), layout.xTicks());
        assertTrue(layout.xMin() < Arrays.stream(sizes).min().getAsDouble());
        assertTrue(layout.xMax() > Arrays.stream(sizes).max().getAsDouble());
        XYSeries grid = chart.getSeriesMap().get(ChartAxes.GRID_SERIES);
        assertArrayEquals(new double[] {204800, 204800, 204800}, Arrays.copyOf(grid.getXData(), 3));
        assertEquals(layout.yMin(), grid.getYData()[0]);
        assertEquals(layout.yMax(), grid.getYData()[1]);
    }

    @Test
    void logAxis_ofSizesInMegabytes_ticksAtTheSameRoundSizes() {
        XYChart chart = new XYChartBuilder().width(900).height(600).build();
        ChartAxes.Layout layout =
                ChartAxes.apply(
                        chart,
                        "size_mb",
                        "accuracy",
                        true,
                        new double[] {0.02, 7.0},
                        new double[] {0.8, 0.9});
        assertEquals(
                List.of("20 KB", "50 KB", "100 KB", "200 KB", "500 KB", "1 MB", "2 MB", "5 MB"),
                layout.xLabels());
        assertEquals(20.0 / 1024, layout.xTicks().get(0), 1e-12);
        assertEquals(5.0, layout.xTicks().get(7), 1e-12);
    }

    @Test
    void frontierTrials_areLabelledLeftToRight() {
        var plotted =
                List.of(
                        ok("a", "baseline", "accuracy", 0.9, "size_bytes", 10),
                        ok("b", "prune", "accuracy", 0.8, "size_bytes", 2),
                        ok("c", "prune", "accuracy", 0.7, "size_bytes", 5));
        PointLabels labels =
                FrontierChart.labels(
                        plotted,
                        new double[] {10, 2, 5},
                        new double[] {0.9, 0.8, 0.7},
                        SIZE,
                        ACCURACY);
        assertEquals(
                List.of(
                        new PointLabels.Label("trial b", 2, 0.8),
                        new PointLabels.Label("trial a", 10, 0.9)),
                labels.labels());
        assertEquals("prune-0.9+int4-pe…", PointLabels.shorten("prune-0.9+int4-per-channel"));
        assertEquals("prune-0.9+int4", PointLabels.shorten("prune-0.9+int4"));
    }

    @Test
    void frontierLine_isAStaircaseAlongSmallerIsBetterX() {
        XYChart chart =
                FrontierChart.of(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.9, "size_bytes", 10),
                                ok("b", "prune", "accuracy", 0.8, "size_bytes", 2),
                                ok("c", "prune", "accuracy", 0.7, "size_bytes", 5)),
                        SIZE,
                        ACCURACY,
                        false,
                        "t");
        XYSeries frontier = chart.getSeriesMap().get(FrontierChart.FRONTIER_SERIES);
        assertArrayEquals(new double[] {2, 10, 10}, frontier.getXData());
        assertArrayEquals(new double[] {0.8, 0.8, 0.9}, frontier.getYData());
    }

    @Test
    void frontierLine_goesAlongYFirstWhenLargerXIsBetter() {
        XYChart chart =
                FrontierChart.of(
                        List.of(
                                ok("a", "baseline", "accuracy", 0.9, "throughput_per_s", 100),
                                ok("b", "quantize", "accuracy", 0.8, "throughput_per_s", 300)),
                        Objective.maximize("throughput_per_s"),
                        ACCURACY,
                        false,
                        "t");
        XYSeries frontier = chart.getSeriesMap().get(FrontierChart.FRONTIER_SERIES);
        assertArrayEquals(new double[] {100, 100, 300}, frontier.getXData());
        assertArrayEquals(new double[] {0.9, 0.8, 0.8}, frontier.getYData());
        assertEquals("Throughput (per s)", chart.getXAxisTitle());
    }

    @Test
    void logAxis_rejectsNonPositiveX_namingTheTrial() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                FrontierChart.of(
                                        List.of(
                                                ok(
                                                        "zero",
                                                        "prune",
                                                        "accuracy",
                                                        0.9,
                                                        "size_bytes",
                                                        0)),
                                        SIZE,
                                        ACCURACY,
                                        true,
                                        "t"));
        assertTrue(e.getMessage().contains("trial zero"), e.getMessage());
    }

    @Test
    void metricThatIsNotAnObjective_isRejectedWithTheAlternative() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> FrontierChart.of(sweep(), "accuracy_ci_low", "accuracy", false, "t"));
        assertTrue(e.getMessage().contains("pass Objective values"), e.getMessage());
    }

    @Test
    void save_writesReadablePngAndSvg(@TempDir Path dir) throws IOException {
        ParetoResult result = sweep();
        ChartFiles size =
                FrontierChart.save(
                        FrontierChart.of(
                                result, "size_bytes", "accuracy", true, "Accuracy vs size"),
                        dir.resolve("accuracy_vs_size"));
        ChartFiles latency =
                FrontierChart.save(
                        FrontierChart.of(
                                result, "latency_p50_ms", "accuracy", false, "Accuracy vs latency"),
                        dir.resolve("accuracy_vs_latency"));

        var image = ImageIO.read(size.png().toFile());
        assertEquals(900, image.getWidth());
        assertEquals(600, image.getHeight());
        String svg = Files.readString(latency.svg(), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        assertEquals(dir.resolve("accuracy_vs_latency.svg"), latency.svg());
        copyForInspection(size, latency);
    }

    /** Keeps the images under target/ so a person can look at them after the build. */
    private static void copyForInspection(ChartFiles... files) throws IOException {
        Path out = Path.of("target", "chart-samples");
        Files.createDirectories(out);
        for (ChartFiles f : files) {
            Files.copy(
                    f.png(),
                    out.resolve(f.png().getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(
                    f.svg(),
                    out.resolve(f.svg().getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void axisTitles_readUnitsFromMetricNames() {
        assertEquals("Latency p50 (ms)", AxisTitles.of("latency_p50_ms"));
        assertEquals("Size", AxisTitles.of("size_bytes"));
        assertEquals("Size", AxisTitles.of("size_mb"));
        assertEquals("Peak rss", AxisTitles.of("peak_rss_mb"));
        assertEquals("Top1 accuracy (%)", AxisTitles.of("top1_accuracy"));
        assertEquals("Params", AxisTitles.of("params"));
    }
}
