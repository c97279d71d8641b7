package dev.frontier.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A searched sweep's hypervolume after each trial it spent, on (accuracy max, file bytes min),
 * against the reference point {@link Replay} uses (per objective, the worst measured value moved a
 * further 10% of the range the worse way), taken from the sweep's own measured trials.
 */
public final class SearchCurve {

    private static final double MARGIN = 0.1;

    private SearchCurve() {}

    /**
     * The hypervolume after each trial.
     *
     * @param trials (accuracy, bytes) of each trial in the order it was spent; null for a trial
     *     with nothing measured (stopped or failed), which adds nothing
     * @return one value per trial, non-decreasing; all 0 when nothing was measured
     */
    public static double[] hypervolumes(List<double[]> trials) {
        double[] ref = reference(trials);
        return ref == null ? new double[trials.size()] : hypervolumes(trials, ref);
    }

    /**
     * The reference point (accuracy, bytes) of {@code points} (nulls skipped): per objective, the
     * worst value moved a further 10% of the range the worse way; null when there is no point.
     */
    public static double[] reference(List<double[]> points) {
        double minAcc = Double.POSITIVE_INFINITY;
        double maxAcc = Double.NEGATIVE_INFINITY;
        double minBytes = Double.POSITIVE_INFINITY;
        double maxBytes = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            if (p != null) {
                minAcc = Math.min(minAcc, p[0]);
                maxAcc = Math.max(maxAcc, p[0]);
                minBytes = Math.min(minBytes, p[1]);
                maxBytes = Math.max(maxBytes, p[1]);
            }
        }
        if (minAcc == Double.POSITIVE_INFINITY) {
            return null;
        }
        double accMargin = maxAcc > minAcc ? MARGIN * (maxAcc - minAcc) : MARGIN * minAcc;
        double bytesMargin =
                maxBytes > minBytes ? MARGIN * (maxBytes - minBytes) : MARGIN * maxBytes;
        return new double[] {
            minAcc - (accMargin > 0 ? accMargin : 1e-3),
            maxBytes + (bytesMargin > 0 ? bytesMargin : 1)
        };
    }

    /** The hypervolume after each trial against {@code reference} (accuracy, bytes). */
    public static double[] hypervolumes(List<double[]> trials, double[] reference) {
        double[] out = new double[trials.size()];
        List<double[]> seen = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            if (trials.get(i) != null) {
                seen.add(trials.get(i));
            }
            out[i] = Hypervolume2D.of(seen, reference[0], reference[1]);
        }
        return out;
    }

    /**
     * A searched run's trials in the order spent, from its {@code results.csv} (the baseline left
     * out; null for a trial not OK or lacking a figure).
     */
    public static List<double[]> readSpent(
            java.nio.file.Path resultsCsv, String accuracyMetric, String bytesMetric)
            throws java.io.IOException {
        java.nio.file.Path file =
                java.nio.file.Files.isDirectory(resultsCsv)
                        ? resultsCsv.resolve("results.csv")
                        : resultsCsv;
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such results table");
        }
        tech.tablesaw.api.Table table =
                tech.tablesaw.api.Table.read()
                        .usingOptions(
                                tech.tablesaw.io.csv.CsvReadOptions.builder(file.toFile())
                                        .columnTypes(column -> tech.tablesaw.api.ColumnType.STRING)
                                        .build());
        String acc = "metrics." + accuracyMetric;
        String bytes = "metrics." + bytesMetric;
        for (String required : List.of("trial_id", "status", acc, bytes)) {
            if (!table.columnNames().contains(required)) {
                throw new IllegalArgumentException(file + ": no column " + required);
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            if ("baseline".equals(table.stringColumn("trial_id").get(r))) {
                continue;
            }
            double a = number(table.stringColumn(acc).get(r));
            double b = number(table.stringColumn(bytes).get(r));
            boolean ok =
                    "OK".equals(table.stringColumn("status").get(r))
                            && Double.isFinite(a)
                            && Double.isFinite(b);
            out.add(ok ? new double[] {a, b} : null);
        }
        return out;
    }

    private static double number(String s) {
        try {
            return s == null || s.isBlank() ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
