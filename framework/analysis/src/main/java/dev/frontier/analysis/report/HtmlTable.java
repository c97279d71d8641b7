package dev.frontier.analysis.report;

import dev.frontier.analysis.MetricNames;
import java.util.regex.Pattern;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw table as an HTML {@code <table>}, escaping every cell.
 *
 * <p>Numbers are right-aligned and shown with up to five significant digits; missing values are
 * empty. Text columns whose every value starts with a number (formatted values such as "20 KB" or
 * "91.23% ± 0.56") are right-aligned too. Rows whose {@code on_frontier} column is true get class
 * {@code front}, rows whose {@code standing} is not RANKED get class {@code excluded}, so the
 * report's style sheet can mark them.
 */
public final class HtmlTable {

    private static final Pattern NUMBER_FIRST = Pattern.compile("[+\\-−]?[0-9]");

    private HtmlTable() {}

    /**
     * Returns the table as HTML.
     *
     * @param table the table
     * @return a {@code <table>} element
     */
    public static String render(Table table) {
        var html = new StringBuilder("<table>\n<thead><tr>");
        for (Column<?> column : table.columns()) {
            html.append("<th>").append(Html.escape(column.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        boolean[] numeric = new boolean[table.columnCount()];
        for (int c = 0; c < numeric.length; c++) {
            numeric[c] = rightAligned(table.column(c));
        }
        for (int row = 0; row < table.rowCount(); row++) {
            html.append("<tr").append(rowClass(table, row)).append('>');
            for (int c = 0; c < numeric.length; c++) {
                Column<?> column = table.column(c);
                html.append(numeric[c] ? "<td class=\"num\">" : "<td>")
                        .append(Html.escape(cell(column, row)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>").toString();
    }

    private static boolean rightAligned(Column<?> column) {
        if (column instanceof NumericColumn<?>) {
            return true;
        }
        if (column.type() != ColumnType.STRING) {
            return false;
        }
        boolean any = false;
        for (int row = 0; row < column.size(); row++) {
            if (column.isMissing(row)) {
                continue;
            }
            if (!NUMBER_FIRST.matcher(column.getString(row)).lookingAt()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static String rowClass(Table table, int row) {
        if (table.containsColumn("on_frontier")
                && table.column("on_frontier").type() == ColumnType.BOOLEAN
                && ((BooleanColumn) table.column("on_frontier")).get(row) == Boolean.TRUE) {
            return " class=\"front\"";
        }
        if (table.containsColumn("standing")
                && !"RANKED".equals(table.column("standing").getString(row))) {
            return " class=\"excluded\"";
        }
        return "";
    }

    private static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof NumericColumn<?> numeric) {
            return MetricNames.format(numeric.getDouble(row));
        }
        return column.getString(row);
    }
}
