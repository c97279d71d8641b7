package dev.frontier.analysis.chart;

import static dev.frontier.analysis.Trials.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class FrontierChartTest {

  private static final Objective ACCURACY = Objective.maximize("accuracy");
  private static final Objective SIZE = Objective.minimize("size_mb");

  private static ParetoResult sweep() {
    return ParetoAnalysis.analyze(SyntheticSweep.outcomes(42),
        ParetoCriteria.of(ACCURACY, SIZE, Objective.minimize("latency_ms")));
  }

  @Test
  void chart_hasOneSeriesPerTechnique_plusTheFrontier() {
    XYChart chart = FrontierChart.of(sweep(), "size_mb", "accuracy", true, "Accuracy vs size");
    assertEquals(List.of(FrontierChart.FRONTIER_SERIES, "baseline", "prune", "quantize", "prune+quantize",
        "distill", "distill+quantize"), List.copyOf(chart.getSeriesMap().keySet()));
    assertEquals(3, chart.getSeriesMap().get("prune").getXData().length);
    assertEquals("Size (MB)", chart.getXAxisTitle());
    assertEquals("Accuracy (fraction)", chart.getYAxisTitle());
    assertTrue(chart.getStyler().isXAxisLogarithmic());
  }

  @Test
  void frontierLine_isAStaircaseAlongSmallerIsBetterX() {
    XYChart chart = FrontierChart.of(List.of(
        ok("a", "baseline", "accuracy", 0.9, "size_mb", 10),
        ok("b", "prune", "accuracy", 0.8, "size_mb", 2),
        ok("c", "prune", "accuracy", 0.7, "size_mb", 5)), SIZE, ACCURACY, false, "t");
    XYSeries frontier = chart.getSeriesMap().get(FrontierChart.FRONTIER_SERIES);
    assertArrayEquals(new double[] {2, 10, 10}, frontier.getXData());
    assertArrayEquals(new double[] {0.8, 0.8, 0.9}, frontier.getYData());
  }

  @Test
  void frontierLine_goesAlongYFirstWhenLargerXIsBetter() {
    XYChart chart = FrontierChart.of(List.of(
        ok("a", "baseline", "accuracy", 0.9, "throughput_per_s", 100),
        ok("b", "quantize", "accuracy", 0.8, "throughput_per_s", 300)),
        Objective.maximize("throughput_per_s"), ACCURACY, false, "t");
    XYSeries frontier = chart.getSeriesMap().get(FrontierChart.FRONTIER_SERIES);
    assertArrayEquals(new double[] {100, 100, 300}, frontier.getXData());
    assertArrayEquals(new double[] {0.9, 0.8, 0.8}, frontier.getYData());
    assertEquals("Throughput (per s)", chart.getXAxisTitle());
  }

  @Test
  void logAxis_rejectsNonPositiveX_namingTheTrial() {
    var e = assertThrows(IllegalArgumentException.class, () -> FrontierChart.of(List.of(
        ok("zero", "prune", "accuracy", 0.9, "size_mb", 0)), SIZE, ACCURACY, true, "t"));
    assertTrue(e.getMessage().contains("trial zero"), e.getMessage());
  }

  @Test
  void metricThatIsNotAnObjective_isRejectedWithTheAlternative() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> FrontierChart.of(sweep(), "accuracy_ci95", "accuracy", false, "t"));
    assertTrue(e.getMessage().contains("pass Objective values"), e.getMessage());
  }

  @Test
  void save_writesReadablePngAndSvg(@TempDir Path dir) throws IOException {
    ParetoResult result = sweep();
    ChartFiles size = FrontierChart.save(
        FrontierChart.of(result, "size_mb", "accuracy", true, "Accuracy vs size"), dir.resolve("accuracy_vs_size"));
    ChartFiles latency = FrontierChart.save(
        FrontierChart.of(result, "latency_ms", "accuracy", false, "Accuracy vs latency"),
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
      Files.copy(f.png(), out.resolve(f.png().getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(f.svg(), out.resolve(f.svg().getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void axisTitles_readUnitsFromMetricNames() {
    assertEquals("Latency p50 (ms)", AxisTitles.of("latency_p50_ms"));
    assertEquals("Size (bytes)", AxisTitles.of("size_bytes"));
    assertEquals("Top1 accuracy (fraction)", AxisTitles.of("top1_accuracy"));
    assertEquals("Params", AxisTitles.of("params"));
  }
}
