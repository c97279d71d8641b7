package dev.frontier.notebook;

import dev.frontier.analysis.Units;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.store.TrialRecord;
import java.util.Locale;

/** A markdown account of one sweep execution: what ran, what was reused, where the outputs are. */
public final class SweepSummary {

    private SweepSummary() {}

    /**
     * Returns the summary of a sweep execution.
     *
     * @param result the execution
     * @return the bundle
     */
    public static MimeBundle of(SweepResult result) {
        var md = new StringBuilder();
        md.append("### Sweep `").append(result.sweep().name()).append("`\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "- %d trials x %d repeat(s), %d failed; frontier of %d%n",
                        result.plan().trialCount(),
                        result.sweep().repeats(),
                        result.failedTrials(),
                        result.pareto().front().size()));
        md.append(
                String.format(
                        Locale.ROOT, "- %s; %.1f s%n", result.work().describe(), result.seconds()));
        for (var c : result.work().recomputed()) {
            md.append("- recomputed: ").append(c.describe()).append('\n');
        }
        result.baselineRecords().stream().findFirst().ifPresent(b -> md.append(baseline(b)));
        for (String w : result.warnings()) {
            md.append("- **warning:** ").append(w).append('\n');
        }
        md.append("- run directory: `")
                .append(result.runDirectory().toAbsolutePath().normalize())
                .append("`\n");
        md.append("- report: `")
                .append(result.runDirectory().resolve("report.html").toAbsolutePath().normalize())
                .append("`\n");
        return Markdown.of(md.toString());
    }

    private static String baseline(TrialRecord b) {
        Double accuracy = b.metrics().get("accuracy");
        Double size = b.metrics().get("size_bytes");
        return accuracy == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "- baseline: accuracy %s%s%n",
                        Units.percent(accuracy, 2),
                        size == null ? "" : ", " + Units.bytes(size));
    }
}
