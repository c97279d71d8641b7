package dev.frontier.exec;

import dev.frontier.data.ImageSet;
import java.util.Arrays;

/**
 * Measures a runtime the way the frontier reports it: latency p50/p95 of single images (batch 1) and
 * throughput at batch 64, each after warm-up, as the median over repeats. The thread count is pinned
 * by the caller (engine set-up or runtime options).
 */
public final class LatencyMeter {
    /** Runs a batch of normalized images ([batch, C, H, W]) through a model. */
    @FunctionalInterface
    public interface BatchRunner {
        void run(float[] images, int batch);
    }

    /** Latency and throughput figures. */
    public record Timing(double p50Millis, double p95Millis, double throughputPerSecond, int repeats) {
    }

    private final int singleRuns;
    private final int batchRuns;
    private final int repeats;

    /** {@code singleRuns} timed batch-1 calls and {@code batchRuns} timed batch-64 calls per repeat. */
    public LatencyMeter(int singleRuns, int batchRuns, int repeats) {
        if (singleRuns < 2 || batchRuns < 1 || repeats < 1) {
            throw new IllegalArgumentException("need singleRuns >= 2, batchRuns >= 1, repeats >= 1");
        }
        this.singleRuns = singleRuns;
        this.batchRuns = batchRuns;
        this.repeats = repeats;
    }

    /** The default used by sweeps: 200 single-image calls and 20 batches of 64, median of 3 repeats. */
    public static LatencyMeter standard() {
        return new LatencyMeter(200, 20, 3);
    }

    /** Measures {@code runner} on images of {@code set} normalized with mean/std. */
    public Timing measure(BatchRunner runner, ImageSet set, float mean, float std) {
        int size = set.imageSize();
        int b = 64;
        float[] batch = new float[b * size];
        for (int i = 0; i < b; i++) {
            set.copyNormalized(i % set.size(), batch, i * size, mean, std);
        }
        float[][] singles = new float[16][size];
        for (int i = 0; i < singles.length; i++) {
            set.copyNormalized(i % set.size(), singles[i], 0, mean, std);
        }
        for (int w = 0; w < 20; w++) { // warm-up
            runner.run(singles[w % singles.length], 1);
        }
        runner.run(batch, b);
        double[] p50 = new double[repeats];
        double[] p95 = new double[repeats];
        double[] thr = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double[] ms = new double[singleRuns];
            for (int i = 0; i < singleRuns; i++) {
                long t0 = System.nanoTime();
                runner.run(singles[i % singles.length], 1);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            p50[r] = quantile(ms, 0.50);
            p95[r] = quantile(ms, 0.95);
            long t0 = System.nanoTime();
            for (int i = 0; i < batchRuns; i++) {
                runner.run(batch, b);
            }
            thr[r] = (double) b * batchRuns / ((System.nanoTime() - t0) / 1e9);
        }
        return new Timing(median(p50), median(p95), median(thr), repeats);
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return quantile(s, 0.5);
    }
}
