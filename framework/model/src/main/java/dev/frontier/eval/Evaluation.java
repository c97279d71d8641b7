package dev.frontier.eval;

import dev.frontier.stats.Proportion;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy (with 95% Wilson interval), per-class accuracy, the confusion matrix (rows = true class,
 * columns = predicted) and the per-example correctness needed for paired tests.
 */
public record Evaluation(
        Proportion accuracy, int[][] confusion, boolean[] correct, List<String> classes) {

    /** Accuracy of each class (NaN for a class with no examples). */
    public double[] perClassAccuracy() {
        double[] out = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = 0;
            for (int v : confusion[c]) {
                total += v;
            }
            out[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return out;
    }

    /** A text report: accuracy, per-class accuracy and the confusion matrix. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT, "accuracy %s on %d images%n", accuracy, accuracy.total()));
        double[] pc = perClassAccuracy();
        sb.append("per class:\n");
        for (int c = 0; c < pc.length; c++) {
            sb.append(String.format(Locale.ROOT, "  %-12s %6.2f%%%n", classes.get(c), 100 * pc[c]));
        }
        sb.append("confusion (rows true, columns predicted):\n");
        for (int[] row : confusion) {
            for (int v : row) {
                sb.append(String.format(Locale.ROOT, "%6d", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
