package dev.frontier.notebook;

import dev.frontier.analysis.report.HtmlTable;
import tech.tablesaw.api.Table;

/**
 * Renders a Tablesaw table as a display bundle: an HTML table (frontier rows highlighted, excluded
 * trials greyed, as {@link HtmlTable} marks them) and the same rows as aligned text.
 */
public final class TableView {

    /** Rows shown when no limit is given; longer tables say how many rows were left out. */
    public static final int DEFAULT_MAX_ROWS = 50;

    private static final String STYLE =
            "<style>"
                    + ".frontier-table table{border-collapse:collapse;font-size:12px}"
                    + ".frontier-table th,.frontier-table td{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left}"
                    + ".frontier-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
                    + ".frontier-table tr.front td{background:#e8f4ea;font-weight:600}"
                    + ".frontier-table tr.excluded td{color:#999}"
                    + ".frontier-table caption{caption-side:top;text-align:left;font-weight:600;padding:4px 0}"
                    + "</style>";

    private TableView() {}

    /**
     * Returns the table's first {@code maxRows} rows as HTML and text.
     *
     * @param table the table
     * @param maxRows how many rows to show at most
     * @return the bundle
     */
    public static MimeBundle of(Table table, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        }
        Table shown = table.rowCount() > maxRows ? table.first(maxRows) : table;
        String more =
                table.rowCount() > maxRows
                        ? String.format("%n(%d of %d rows shown)", maxRows, table.rowCount())
                        : "";
        String caption = escape(table.name()) + " <small>(" + table.rowCount() + " rows)</small>";
        String html =
                STYLE
                        + "<div class=\"frontier-table\">"
                        + HtmlTable.render(shown)
                                .replaceFirst(
                                        "<table>", "<table><caption>" + caption + "</caption>")
                        + (more.isEmpty()
                                ? ""
                                : "<p><small>" + escape(more.strip()) + "</small></p>")
                        + "</div>";
        String text = shown.printAll() + more;
        return MimeBundle.of(MimeBundle.HTML, html, text);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
