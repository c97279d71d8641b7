package dev.frontier.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Measured trials as a lookup table, the oracle of the replay benchmark: every point of a space
 * with its accuracy and file bytes. Evaluating a proposal is looking it up (as NAS-Bench does).
 */
public final class ReplayTable {

    /** Prefix of parameter columns in a run's {@code results.csv}. */
    static final String PARAM_PREFIX = "params.";

    /**
     * Parameter columns a run records about each trial that are not swept: the ONNX file measured
     * and the kernel precision that follows from the bit width.
     */
    static final Set<String> RECORDED = Set.of("onnx_file", "kernel_precision");

    private final SearchSpace space;
    private final Map<Point, double[]> results;
    private final String source;

    private ReplayTable(SearchSpace space, Map<Point, double[]> results, String source) {
        this.space = space;
        this.results = Map.copyOf(results);
        this.source = source;
    }

    /**
     * A table of the given results; its space is {@code axes} restricted to the measured points.
     *
     * @param results (accuracy, bytes) per point
     */
    public static ReplayTable of(List<Axis> axes, Map<Point, double[]> results, String source) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException(source + ": no measured trials");
        }
        return new ReplayTable(
                SearchSpace.of(axes).restrictedTo(results.keySet()), results, source);
    }

    /**
     * Reads a run's {@code results.csv} (or the run folder holding it). Rows of trials that are not
     * OK and the baseline row are left out. The axes are the parameter columns whose value varies
     * across the trials, less the columns recorded about a trial rather than swept ({@link
     * #RECORDED}) and columns fixed by the others; numeric values are sorted by number. Repeats of
     * a point are averaged.
     *
     * @param accuracyMetric metric column holding accuracy, e.g. {@code accuracy}
     * @param bytesMetric metric column holding the file size, e.g. {@code size_bytes}
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the table has no usable trials or lacks a column
     */
    public static ReplayTable readResultsCsv(Path path, String accuracyMetric, String bytesMetric)
            throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve("results.csv") : path;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such results table");
        }
        Table table =
                Table.read()
                        .usingOptions(
                                CsvReadOptions.builder(file.toFile())
                                        .columnTypes(column -> ColumnType.STRING)
                                        .build());
        String accColumn = "metrics." + accuracyMetric;
        String bytesColumn = "metrics." + bytesMetric;
        for (String required : List.of("trial_id", "status", accColumn, bytesColumn)) {
            if (!table.columnNames().contains(required)) {
                throw new IllegalArgumentException(file + ": no column " + required);
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        List<double[]> metrics = new ArrayList<>();
        int left = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            String id = table.stringColumn("trial_id").get(r);
            String status = table.stringColumn("status").get(r);
            if ("baseline".equals(id)) {
                continue;
            }
            double acc = parse(table.stringColumn(accColumn).get(r));
            double bytes = parse(table.stringColumn(bytesColumn).get(r));
            if (!"OK".equals(status) || !Double.isFinite(acc) || !Double.isFinite(bytes)) {
                left++;
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String c : table.columnNames()) {
                if (c.startsWith(PARAM_PREFIX)
                        && !RECORDED.contains(c.substring(PARAM_PREFIX.length()))) {
                    params.put(c.substring(PARAM_PREFIX.length()), table.stringColumn(c).get(r));
                }
            }
            rows.add(params);
            metrics.add(new double[] {acc, bytes});
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no trial with status OK and both metrics");
        }
        List<String> names = axisNames(rows);
        if (names.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": every trial has the same parameters, nothing to search");
        }
        List<Axis> axes = new ArrayList<>();
        for (String n : names) {
            Set<String> values = new LinkedHashSet<>();
            rows.forEach(row -> values.add(row.get(n)));
            List<String> sorted = new ArrayList<>(values);
            if (sorted.stream().allMatch(v -> Double.isFinite(parse(v)))) {
                sorted.sort(Comparator.comparingDouble(ReplayTable::parse));
            }
            axes.add(new Axis(n, sorted));
        }
        Map<Point, double[]> sums = new HashMap<>();
        Map<Point, Integer> counts = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int[] idx = new int[axes.size()];
            for (int d = 0; d < idx.length; d++) {
                idx[d] = axes.get(d).values().indexOf(rows.get(i).get(axes.get(d).name()));
            }
            Point p = Point.of(idx);
            double[] m = metrics.get(i);
            sums.merge(p, m.clone(), (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
            counts.merge(p, 1, Integer::sum);
        }
        Map<Point, double[]> results = new HashMap<>();
        sums.forEach(
                (p, s) ->
                        results.put(p, new double[] {s[0] / counts.get(p), s[1] / counts.get(p)}));
        String source =
                file
                        + " ("
                        + results.size()
                        + " points"
                        + (left > 0 ? ", " + left + " failed or incomplete trials left out" : "")
                        + ")";
        return of(axes, results, source);
    }

    /**
     * Parameter columns that vary across the rows, less each column fixed by the remaining ones
     * (tried from the most distinct values down, so a per-trial path goes first).
     */
    static List<String> axisNames(List<Map<String, String>> rows) {
        List<String> varying = new ArrayList<>();
        Map<String, Integer> distinct = new HashMap<>();
        for (String c : rows.get(0).keySet()) {
            Set<String> values = new HashSet<>();
            rows.forEach(row -> values.add(row.get(c)));
            if (values.size() > 1) {
                varying.add(c);
                distinct.put(c, values.size());
            }
        }
        List<String> order = new ArrayList<>(varying);
        order.sort(Comparator.comparing((String c) -> -distinct.get(c)));
        List<String> kept = new ArrayList<>(varying);
        for (String c : order) {
            List<String> others = new ArrayList<>(kept);
            others.remove(c);
            if (!others.isEmpty() && determined(rows, c, others)) {
                kept.remove(c);
            }
        }
        return kept;
    }

    private static boolean determined(
            List<Map<String, String>> rows, String column, List<String> by) {
        Map<List<String>, String> seen = new HashMap<>();
        for (Map<String, String> row : rows) {
            List<String> key = by.stream().map(row::get).toList();
            String previous = seen.putIfAbsent(key, row.get(column));
            if (previous != null && !previous.equals(row.get(column))) {
                return false;
            }
        }
        return true;
    }

    private static double parse(String s) {
        try {
            return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The space: the table's axes restricted to its measured points. */
    public SearchSpace space() {
        return space;
    }

    /** Number of measured points: the size of the full grid. */
    public int size() {
        return results.size();
    }

    /** (accuracy, bytes) of a measured point. */
    public double[] lookup(Point p) {
        double[] r = results.get(p);
        if (r == null) {
            throw new IllegalArgumentException("point " + p + " was not measured");
        }
        return r.clone();
    }

    /** Every measured (accuracy, bytes) pair. */
    public List<double[]> all() {
        return results.values().stream().map(double[]::clone).toList();
    }

    /** Where the table came from, for reports. */
    public String source() {
        return source;
    }
}
