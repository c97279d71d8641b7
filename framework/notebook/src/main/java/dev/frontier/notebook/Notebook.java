package dev.frontier.notebook;

import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.engine.ProcessLog;
import dev.frontier.exec.run.SweepResult;
import java.util.Objects;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * What a notebook cell calls to show Frontier results: tables, charts, frontiers and markdown, sent
 * to the Jupyter kernel the code runs in (rich output) or printed as text elsewhere.
 *
 * <pre>{@code
 * var nb = Notebook.detect();
 * nb.frontier(result);            // summary, table with the frontier marked, two charts
 * nb.table(someTablesawTable);
 * nb.chart(someXChart);
 * }</pre>
 */
public final class Notebook {

    private final DisplaySink sink;

    private Notebook(DisplaySink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Returns a notebook showing output in the kernel this code runs in, or as text on standard
     * output. Engine warnings go to the kernel process's log file ({@link ProcessLog}), not into
     * the notebook.
     *
     * @return the notebook
     */
    public static Notebook detect() {
        ProcessLog.configure();
        return new Notebook(KernelSinks.detect(Notebook.class.getClassLoader(), System.out));
    }

    /**
     * Returns a notebook showing output on the given sink (tests, custom front ends).
     *
     * @param sink where output goes
     * @return the notebook
     */
    public static Notebook on(DisplaySink sink) {
        return new Notebook(sink);
    }

    /**
     * Returns the name of the sink in use, e.g. {@code jjava} or {@code text}.
     *
     * @return the name
     */
    public String kernel() {
        return sink.name();
    }

    /**
     * Shows a table (the first {@value TableView#DEFAULT_MAX_ROWS} rows).
     *
     * @param table the table
     */
    public void table(Table table) {
        sink.show(TableView.of(table, TableView.DEFAULT_MAX_ROWS));
    }

    /**
     * Shows the first rows of a table.
     *
     * @param table the table
     * @param maxRows how many rows at most
     */
    public void table(Table table, int maxRows) {
        sink.show(TableView.of(table, maxRows));
    }

    /**
     * Shows a chart as an inline PNG.
     *
     * @param chart the chart
     */
    public void chart(Chart<?, ?> chart) {
        sink.show(ChartView.png(chart));
    }

    /**
     * Shows a chart as an inline SVG.
     *
     * @param chart the chart
     */
    public void chartSvg(Chart<?, ?> chart) {
        sink.show(ChartView.svg(chart));
    }

    /**
     * Shows markdown.
     *
     * @param markdown the text
     */
    public void markdown(String markdown) {
        sink.show(Markdown.of(markdown));
    }

    /**
     * Shows raw HTML, with {@code text} as its plain-text form.
     *
     * @param html the HTML
     * @param text what text-only output shows
     */
    public void html(String html, String text) {
        sink.show(MimeBundle.of(MimeBundle.HTML, html, text));
    }

    /**
     * Shows a bundle as is.
     *
     * @param bundle the bundle
     */
    public void show(MimeBundle bundle) {
        sink.show(bundle);
    }

    /**
     * Shows a Pareto analysis: summary, table with the frontier marked, accuracy–size and
     * accuracy–latency charts.
     *
     * @param result the analysis
     * @param title the heading
     */
    public void frontier(ParetoResult result, String title) {
        FrontierView.of(result, title).forEach(sink::show);
    }

    /**
     * Shows a sweep execution: what ran and where its outputs are, then its frontier.
     *
     * @param result the execution
     */
    public void frontier(SweepResult result) {
        sink.show(SweepSummary.of(result));
        frontier(result.pareto(), "Frontier of " + result.sweep().name());
    }
}
