package dev.frontier.cli;

import dev.frontier.codec.format.SizeReport;
import dev.frontier.eval.Evaluation;
import dev.frontier.stats.McNemar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one table {@code frontier bench compress} prints: per technique the test accuracy with its 95%
 * interval, the drop against its baseline with McNemar's paired p-value, the real file bytes and the
 * compression ratio against the baseline's dense fp32 file.
 */
final class CompressBenchTable {
    /** One line of the table; {@code accuracy} is preformatted (a Wilson interval or a mean over seeds). */
    record Row(String technique, String model, String accuracy, double dropPoints, double pValue, long fileBytes,
            double ratio, String note) {
        Row {
            Objects.requireNonNull(technique, "technique");
            Objects.requireNonNull(note, "note");
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds a baseline (drop 0, ratio 1 by definition). */
    void baseline(String technique, String model, Evaluation eval, SizeReport file, String note) {
        rows.add(new Row(technique, model, eval.accuracy().toString(), 0, Double.NaN, file.fileBytes(), 1.0, note));
    }

    /** Adds a compressed model measured against {@code base} and its dense fp32 file. */
    void candidate(String technique, String model, Evaluation base, SizeReport baseFile, Evaluation eval, SizeReport file,
            String note) {
        McNemar test = McNemar.test(base.correct(), eval.correct());
        rows.add(new Row(technique, model, eval.accuracy().toString(),
                100 * (base.accuracy().value() - eval.accuracy().value()), test.pValue(), file.fileBytes(),
                (double) baseFile.fileBytes() / file.fileBytes(), note));
    }

    /** Adds a free-form row (e.g. a mean over seeds). */
    void add(Row row) {
        rows.add(row);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-44s %-9s %-26s %-20s %10s %8s  %s%n", "technique", "model",
                "accuracy [95% CI]", "drop pts (McNemar p)", "file B", "ratio", "notes");
        sb.append(header);
        sb.append("-".repeat(header.length() + 20)).append('\n');
        for (Row r : rows) {
            String drop = Double.isNaN(r.pValue()) ? (r.dropPoints() == 0 ? "baseline" : String.format(Locale.ROOT, "%+.2f",
                    r.dropPoints())) : String.format(Locale.ROOT, "%+.2f (p=%.3f)", r.dropPoints(), r.pValue());
            String bytes = r.fileBytes() > 0 ? Long.toString(r.fileBytes()) : "-";
            String ratio = r.ratio() > 0 ? String.format(Locale.ROOT, "%.1fx", r.ratio()) : "-";
            sb.append(String.format(Locale.ROOT, "%-44s %-9s %-26s %-20s %10s %8s  %s%n", r.technique(), r.model(),
                    r.accuracy(), drop, bytes, ratio, r.note()));
        }
        sb.append("drop = baseline accuracy - accuracy in points (positive = worse); ratio = baseline's dense fp32 "
                + "Frontier file / this file.\n");
        return sb.toString();
    }
}
