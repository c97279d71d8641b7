package dev.frontier.analysis.report;

import dev.frontier.analysis.chart.ChartFiles;
import dev.frontier.analysis.chart.FrontierChart;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.analysis.table.CsvExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * Writes everything a finished sweep leaves in its run directory: {@code results.csv}, {@code
 * frontier.csv}, each chart as PNG and SVG, and {@code report.html}. Every file is written
 * atomically. Charts are skipped when no trial was ranked.
 */
public final class RunOutputs {

    /** File name of the HTML report in a run directory. */
    public static final String REPORT_HTML = "report.html";

    /**
     * The files written.
     *
     * @param resultsCsv all trials
     * @param frontierCsv the frontier
     * @param charts the chart files, in spec order
     * @param report the HTML report
     */
    public record Written(Path resultsCsv, Path frontierCsv, List<ChartFiles> charts, Path report) {

        /** Freezes the chart list. */
        public Written {
            charts = List.copyOf(charts);
        }
    }

    private RunOutputs() {}

    /**
     * Writes the CSV files, charts and report of a sweep into {@code runDirectory}.
     *
     * @param result the Pareto analysis
     * @param runDirectory the run directory, created if missing
     * @param title the report title
     * @param chartSpecs the charts to draw; their metrics must be objectives of the analysis
     * @return the paths written
     * @throws IOException if a file cannot be written
     */
    public static Written write(
            ParetoResult result, Path runDirectory, String title, List<ChartSpec> chartSpecs)
            throws IOException {
        return write(result, runDirectory, title, chartSpecs, List.of());
    }

    /**
     * As {@link #write(ParetoResult, Path, String, List)}, with warnings the report shows above its
     * summary (e.g. a measured sparsity off its target, a possibly undertrained baseline).
     *
     * @param result the Pareto analysis
     * @param runDirectory the run directory, created if missing
     * @param title the report title
     * @param chartSpecs the charts to draw; their metrics must be objectives of the analysis
     * @param warnings one line each, shown in order
     * @return the paths written
     * @throws IOException if a file cannot be written
     */
    public static Written write(
            ParetoResult result,
            Path runDirectory,
            String title,
            List<ChartSpec> chartSpecs,
            List<String> warnings)
            throws IOException {
        CsvExport.writeRunTables(result, runDirectory);
        var charts = new ArrayList<XYChart>();
        var files = new ArrayList<ChartFiles>();
        if (result.count(Standing.RANKED) > 0) {
            for (ChartSpec spec : chartSpecs) {
                XYChart chart =
                        FrontierChart.of(
                                result, spec.xMetric(), spec.yMetric(), spec.logX(), spec.title());
                charts.add(chart);
                files.add(FrontierChart.save(chart, runDirectory.resolve(spec.fileName())));
            }
        }
        Path report =
                HtmlReport.write(
                        runDirectory.resolve(REPORT_HTML), title, result, charts, warnings);
        return new Written(
                runDirectory.resolve(CsvExport.RESULTS_CSV),
                runDirectory.resolve(CsvExport.FRONTIER_CSV),
                files,
                report);
    }
}
