package dev.frontier.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a CSV table through Tablesaw: a header row, numeric feature columns and one label column.
 * Each row becomes a 1 x 1 x features real-valued example; label values (any text) map to their
 * sorted order (numerically when every label is an integer). A ragged row, a non-numeric or empty
 * feature, or a missing label column is an error naming the file and line.
 */
public final class CsvTableReader {
    private static final Pattern RAGGED =
            Pattern.compile("Row number (\\d+) contains (\\d+) columns\\. (\\d+) expected");

    private CsvTableReader() {}

    /**
     * A table's features and labels (label text kept, mapped to indices by {@link #toSet}), and the
     * line in the file of each row (blank lines skipped).
     */
    public record Rows(
            Path file, List<String> features, float[] values, List<String> labels, int[] lines) {
        /** The classes of these labels, sorted (numerically when all are integers). */
        public List<String> classes() {
            Comparator<String> order =
                    labels.stream().allMatch(CsvTableReader::isInteger)
                            ? Comparator.comparingLong(Long::parseLong)
                            : Comparator.naturalOrder();
            TreeSet<String> set = new TreeSet<>(order);
            set.addAll(labels);
            return List.copyOf(set);
        }

        /**
         * The rows as a 1 x 1 x features set with labels indexed in {@code classes}; an unknown
         * label names its line.
         */
        public ImageSet toSet(List<String> classes) {
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                index.put(classes.get(i), i);
            }
            int[] y = new int[labels.size()];
            for (int i = 0; i < y.length; i++) {
                Integer k = index.get(labels.get(i));
                if (k == null) {
                    throw new DataException(
                            file
                                    + ":"
                                    + lines[i]
                                    + ": label '"
                                    + labels.get(i)
                                    + "' is not a class of the training split "
                                    + classes);
                }
                y[i] = k;
            }
            return ImageSet.ofValues(values, y, 1, 1, features.size(), classes);
        }
    }

    /**
     * Reads {@code file} with {@code labelColumn} as the label; every other column is a feature.
     */
    public static Rows read(Path file, String labelColumn) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(
                    file
                            + ": "
                            + (Files.exists(file) ? "not a file" : "does not exist")
                            + "; a csv dataset is a CSV file with a header row");
        }
        int[] records = recordLines(file);
        Table t;
        try {
            t =
                    Table.read()
                            .csv(
                                    CsvReadOptions.builder(file.toFile())
                                            .header(true)
                                            .columnTypes(c -> ColumnType.STRING)
                                            .missingValueIndicator(new String[0])
                                            .build());
        } catch (RuntimeException e) {
            throw new DataException(file + describe(e, records), e);
        }
        List<String> names = t.columnNames();
        if (!names.contains(labelColumn)) {
            throw new DataException(
                    file
                            + ":1: no label column '"
                            + labelColumn
                            + "'; the header has "
                            + names
                            + " (name the label column with label: in the dataset)");
        }
        if (t.rowCount() == 0) {
            throw new DataException(file + ": no data rows after the header");
        }
        List<String> features = new ArrayList<>(names);
        features.remove(labelColumn);
        if (features.isEmpty()) {
            throw new DataException(
                    file + ":1: no feature columns besides the label column '" + labelColumn + "'");
        }
        int f = features.size();
        int[] lines = new int[t.rowCount()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 1 < records.length ? records[i + 1] : i + 2;
        }
        float[] values = new float[t.rowCount() * f];
        List<String> labels = new ArrayList<>(t.rowCount());
        var labelCol = t.stringColumn(labelColumn);
        for (int j = 0; j < f; j++) {
            var col = t.stringColumn(features.get(j));
            for (int i = 0; i < t.rowCount(); i++) {
                String cell = col.get(i);
                float v;
                try {
                    v = Float.parseFloat(cell.strip());
                } catch (NumberFormatException e) {
                    v = Float.NaN;
                }
                if (!Float.isFinite(v)) {
                    throw new DataException(
                            file
                                    + ":"
                                    + lines[i]
                                    + ": column '"
                                    + features.get(j)
                                    + "' holds '"
                                    + cell
                                    + "', expected a finite number (every column but the label '"
                                    + labelColumn
                                    + "' is a feature)");
                }
                values[i * f + j] = v;
            }
        }
        for (int i = 0; i < t.rowCount(); i++) {
            String l = labelCol.get(i).strip();
            if (l.isEmpty()) {
                throw new DataException(
                        file + ":" + lines[i] + ": empty label in column '" + labelColumn + "'");
            }
            labels.add(l);
        }
        return new Rows(file, List.copyOf(features), values, labels, lines);
    }

    /**
     * The 1-based line of each record (the header first): the file's non-blank lines, as the CSV
     * parser skips blank ones. A quoted field spanning lines is rare in feature tables; there the
     * numbers are approximate.
     */
    private static int[] recordLines(Path file) {
        List<Integer> out = new ArrayList<>();
        try (var lines = Files.lines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            int[] n = {0};
            lines.forEach(
                    l -> {
                        n[0]++;
                        if (!l.isBlank()) {
                            out.add(n[0]);
                        }
                    });
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return new int[0]; // unreadable as text: Tablesaw reports it
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Tablesaw's complaint as ": line N: ..." (a ragged row) or its message. */
    private static String describe(RuntimeException e, int[] records) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            Matcher m = c.getMessage() == null ? null : RAGGED.matcher(c.getMessage());
            if (m != null && m.find()) {
                int record = Integer.parseInt(m.group(1));
                int line = record < records.length ? records[record] : record + 1;
                return ":"
                        + line
                        + ": row has "
                        + m.group(2)
                        + " columns, the header has "
                        + m.group(3);
            }
        }
        return ": cannot read as CSV: " + e.getMessage();
    }

    static boolean isInteger(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
