package dev.frontier.exec.run;

import dev.frontier.exec.store.TrialRecord;
import java.io.PrintStream;
import java.util.Locale;

/** One line per finished trial: done/total, failures so far, status, key figures and an ETA. */
public final class ProgressLine {
    private final PrintStream out;
    private final int total;
    private final long start = System.nanoTime();
    private int failed;
    private int computed;

    ProgressLine(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void trialDone(int done, TrialRecord rec) {
        if (!rec.ok() && !rec.stopped()) {
            failed++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        computed++;
        double eta = elapsed / computed * (total - done);
        String figures =
                rec.ok()
                        ? String.format(
                                Locale.ROOT,
                                "acc %.2f%% (%+.2f pts) size %s p50 %.3f ms %s",
                                100 * rec.metrics().get("accuracy"),
                                -rec.metrics().get("accuracy_drop"),
                                bytes(rec.metrics().get("size_bytes")),
                                rec.metrics().get("latency_p50_ms"),
                                rec.facts().get("runtime")
                                        + "/"
                                        + rec.facts().get("kernel_precision"))
                        : rec.status() + ": " + rec.failure();
        out.printf(
                Locale.ROOT,
                "[%d/%d] %-22s %-24s %s  (%d failed, ETA %ds)%n",
                done,
                total,
                rec.name(),
                rec.technique(),
                figures,
                failed,
                Math.round(eta));
    }

    static String bytes(double b) {
        if (b >= 1 << 20) {
            return String.format(Locale.ROOT, "%.2f MB", b / (1 << 20));
        }
        if (b >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KB", b / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }
}
