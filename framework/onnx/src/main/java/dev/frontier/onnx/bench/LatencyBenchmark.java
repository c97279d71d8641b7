package dev.frontier.onnx.bench;

import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.runtime.InferenceRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Times runtimes after warm-up: per repeat, {@code latencyCalls} single-image calls (their p50 and
 * p95) and {@code throughputCalls} calls at the throughput batch (images per second). Several
 * runtimes are measured interleaved — repeat 1 of each, then repeat 2 of each — so drift of the
 * machine hits all alike. Reported figures are medians over repeats. Inputs are seeded Gaussian
 * images: dense kernels do not depend on the values.
 */
public final class LatencyBenchmark {
    private final BenchSettings settings;

    /** A benchmark with the given settings. */
    public LatencyBenchmark(BenchSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Measures one runtime. */
    public LatencyResult measure(InferenceRuntime runtime) {
        return measureInterleaved(List.of(runtime)).get(0);
    }

    /**
     * Measures several runtimes in the same run, repeats interleaved; results in the given order.
     */
    public List<LatencyResult> measureInterleaved(List<InferenceRuntime> runtimes) {
        int k = runtimes.size();
        int r = settings.repeats();
        double[][] p50 = new double[k][r];
        double[][] p95 = new double[k][r];
        double[][] ips = new double[k][r];
        List<float[]> one = new ArrayList<>();
        List<float[]> many = new ArrayList<>();
        for (InferenceRuntime rt : runtimes) {
            one.add(images(rt.spec(), 1));
            many.add(images(rt.spec(), settings.throughputBatch()));
        }
        for (int i = 0; i < k; i++) {
            for (int w = 0; w < settings.warmup(); w++) {
                runtimes.get(i).run(one.get(i), 1);
            }
            for (int w = 0; w < Math.max(1, settings.warmup() / 10); w++) {
                runtimes.get(i).run(many.get(i), settings.throughputBatch());
            }
        }
        for (int rep = 0; rep < r; rep++) {
            for (int i = 0; i < k; i++) {
                double[] lat = latencies(runtimes.get(i), one.get(i));
                p50[i][rep] = percentile(lat, 0.50);
                p95[i][rep] = percentile(lat, 0.95);
                ips[i][rep] = throughput(runtimes.get(i), many.get(i));
            }
        }
        List<LatencyResult> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            InferenceRuntime rt = runtimes.get(i);
            double m50 = median(p50[i]);
            out.add(
                    new LatencyResult(
                            rt.spec().canonical(),
                            rt.name(),
                            rt.precision(),
                            rt.threads(),
                            m50,
                            Math.max(m50, median(p95[i])),
                            median(ips[i]),
                            settings.throughputBatch(),
                            r));
        }
        return out;
    }

    private double[] latencies(InferenceRuntime rt, float[] x) {
        double[] ms = new double[settings.latencyCalls()];
        for (int c = 0; c < ms.length; c++) {
            long t0 = System.nanoTime();
            rt.run(x, 1);
            ms[c] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private double throughput(InferenceRuntime rt, float[] x) {
        long t0 = System.nanoTime();
        for (int c = 0; c < settings.throughputCalls(); c++) {
            rt.run(x, settings.throughputBatch());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return settings.throughputCalls() * (double) settings.throughputBatch() / seconds;
    }

    private static float[] images(ModelSpec spec, int n) {
        Random rnd = new Random(n * 7919L + spec.canonical().hashCode());
        float[] x = new float[n * spec.channels() * spec.rows() * spec.cols()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    /** The {@code q}-quantile by the nearest-rank method. */
    static double percentile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
