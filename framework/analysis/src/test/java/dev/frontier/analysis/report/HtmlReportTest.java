package dev.frontier.analysis.report;

import static dev.frontier.analysis.Trials.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Constraint;
import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.table.ResultsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static final ParetoCriteria CRITERIA = ParetoCriteria.of(Objective.maximize("accuracy"),
      Objective.minimize("size_mb"), Objective.minimize("latency_ms"));

  private static ParetoResult sweep() {
    return ParetoAnalysis.analyze(SyntheticSweep.outcomes(42), CRITERIA);
  }

  private static String html(ParetoResult result) throws IOException {
    return HtmlReport.render("Quickstart sweep", result, List.of(
        FrontierChart.of(result, "size_mb", "accuracy", true, "Accuracy vs size"),
        FrontierChart.of(result, "latency_ms", "accuracy", false, "Accuracy vs latency")));
  }

  private static int count(String text, String needle) {
    return text.split(Pattern.quote(needle), -1).length - 1;
  }

  @Test
  void report_embedsChartsAndLoadsNothingFromOutside() throws IOException {
    String html = html(sweep());
    assertEquals(2, count(html, "src=\"data:image/png;base64,"));
    assertFalse(html.contains("src=\"http"), "external image or script");
    assertFalse(html.contains("<link"), "external style sheet");
    assertFalse(html.contains("<script"), "script");
  }

  @Test
  void report_summarisesCountsFailuresHypervolumeAndKnee() throws IOException {
    ParetoResult result = sweep();
    String html = html(result);
    assertTrue(html.contains("<dt>Trials</dt><dd>20</dd>"), html);
    assertTrue(html.contains("<dt>Failed</dt><dd class=\"failed\">2</dd>"));
    assertTrue(html.contains("<dt>Hypervolume</dt><dd>" + HtmlReport.hypervolume(result).replace("'", "&#39;")));
    assertTrue(html.contains(", derived)"));
    String kneeName = result.knee().orElseThrow().outcome().name();
    assertTrue(html.contains("<dt>Knee point</dt><dd>" + kneeName), html);
    assertTrue(html.contains("loss became NaN at epoch 2"));
  }

  @Test
  void report_listsFrontierAndAllTrialsAsTables() throws IOException {
    ParetoResult result = sweep();
    String html = html(result);
    assertEquals(2, count(html, "<table>"));
    assertEquals(result.front().size() * 2, count(html, "<tr class=\"front\">"));
    assertEquals(2, count(html, "<tr class=\"excluded\">"));
  }

  @Test
  void report_escapesTrialText() throws IOException {
    ParetoResult result = ParetoAnalysis.analyze(List.of(
        ok("a", "baseline", "accuracy", 0.9, "size_mb", 10.0, "latency_ms", 1.0),
        TrialOutcome.failed("b", "<b>bold</b>", "prune", Map.of(), "<script>alert('x')</script>")), CRITERIA);
    String html = HtmlReport.render("A & B", result, List.of());
    assertFalse(html.contains("<script>"));
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assertTrue(html.contains("<title>A &amp; B</title>"));
  }

  @Test
  void report_showsConstraintsInTheCriteriaLine() {
    ParetoResult result = ParetoAnalysis.analyze(SyntheticSweep.outcomes(1),
        CRITERIA.withConstraints(Constraint.parse("size_mb <= 1")));
    assertEquals("Objectives: max accuracy, min size_mb, min latency_ms. Constraints: size_mb <= 1.",
        HtmlReport.criteriaLine(result));
  }

  @Test
  void htmlTable_formatsNumbersAndLeavesMissingCellsEmpty() {
    ParetoResult result = ParetoAnalysis.analyze(List.of(
        ok("a", "baseline", "accuracy", 0.912345678, "size_mb", 10.0, "latency_ms", 1.0),
        TrialOutcome.failed("b", "crash", "prune", Map.of(), "boom")), CRITERIA);
    String table = HtmlTable.render(ResultsTable.results(result));
    assertTrue(table.contains("<td class=\"num\">0.91235</td>"), table);
    assertTrue(table.contains("<td class=\"num\"></td>"), table);
  }

  @Test
  void runOutputs_writeTablesChartsAndReportIntoTheRunDirectory(@TempDir Path dir) throws IOException {
    RunOutputs.Written written = RunOutputs.write(sweep(), dir, "Synthetic sweep",
        ChartSpec.accuracyVsSizeAndLatency("accuracy", "size_mb", "latency_ms"));

    var names = new ArrayList<String>();
    try (var files = Files.list(dir)) {
      files.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    assertEquals(List.of("accuracy_vs_latency.png", "accuracy_vs_latency.svg", "accuracy_vs_size.png",
        "accuracy_vs_size.svg", "frontier.csv", "report.html", "results.csv"), names);
    assertEquals(dir.resolve("report.html"), written.report());
    assertEquals(2, written.charts().size());
    Path samples = Files.createDirectories(Path.of("target", "chart-samples"));
    Files.copy(written.report(), samples.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void runOutputs_withNoRankedTrial_writeReportWithoutCharts(@TempDir Path dir) throws IOException {
    ParetoResult result = ParetoAnalysis.analyze(List.of(
        TrialOutcome.failed("a", "crash", "prune", Map.of(), "OutOfMemoryError")), CRITERIA);
    RunOutputs.Written written = RunOutputs.write(result, dir, "All failed",
        ChartSpec.accuracyVsSizeAndLatency("accuracy", "size_mb", "latency_ms"));
    assertEquals(List.of(), written.charts());
    String html = Files.readString(written.report());
    assertTrue(html.contains("No trial was ranked."));
    assertTrue(html.contains("<dt>Hypervolume</dt><dd>0 (no ranked trial)</dd>"));
  }

  @Test
  void chartSpec_rejectsFileNamesThatLeaveTheRunDirectory() {
    assertThrows(IllegalArgumentException.class, () -> new ChartSpec("../x", "a", "b", false, "t"));
    assertThrows(IllegalArgumentException.class, () -> new ChartSpec("a/b", "a", "b", false, "t"));
  }
}
