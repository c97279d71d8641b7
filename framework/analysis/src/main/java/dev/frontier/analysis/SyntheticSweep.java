package dev.frontier.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Made-up but plausible outcomes of a small compression sweep, for tests, demos and notebooks.
 *
 * <p>Twenty trials of a Fashion-MNIST-sized model: a baseline, magnitude pruning, quantization,
 * prune+quantize, distillation, and two failures. Metrics carry the executor's names: {@code
 * accuracy} (fraction) with its 95% Wilson interval {@code accuracy_ci_low}/{@code _high} on 10,000
 * test images, {@code accuracy_drop} (percentage points below the baseline), {@code size_bytes},
 * {@code compression_ratio} (the baseline's size over the trial's) and {@code latency_p50_ms}
 * (batch 1); the parameter {@code kernel_precision} says whether int8 kernels ran. The numbers
 * follow simple formulas plus seeded noise, so the same seed gives the same sweep.
 */
public final class SyntheticSweep {

    private static final double BASE_ACCURACY = 0.912;
    private static final double BASE_SIZE_MB = 1.72;
    private static final double BASE_LATENCY_MS = 0.80;
    private static final int TEST_IMAGES = 10_000;
    private static final double Z95 = 1.959964;

    private SyntheticSweep() {}

    /**
     * Returns the twenty trials of the synthetic sweep.
     *
     * @param seed seed of the measurement noise
     * @return the trials in launch order
     */
    public static List<TrialOutcome> outcomes(long seed) {
        var random = new Random(seed);
        var trials = new ArrayList<TrialOutcome>();
        trials.add(
                ok(
                        trials,
                        "baseline",
                        "baseline",
                        Map.of(),
                        BASE_ACCURACY,
                        BASE_SIZE_MB,
                        BASE_LATENCY_MS,
                        random));
        for (double ratio : new double[] {0.5, 0.7, 0.9}) {
            trials.add(
                    ok(
                            trials,
                            "prune-" + ratio,
                            "prune",
                            ordered("prune_ratio", Double.toString(ratio)),
                            BASE_ACCURACY - pruneLoss(ratio),
                            sparseSize(ratio, 32),
                            BASE_LATENCY_MS * 0.97,
                            random));
        }
        for (int bits : new int[] {16, 8, 4, 2}) {
            trials.add(
                    ok(
                            trials,
                            "int" + bits,
                            "quantize",
                            ordered("bits", Integer.toString(bits)),
                            BASE_ACCURACY - quantLoss(bits),
                            BASE_SIZE_MB * bits / 32 + 0.01,
                            quantLatency(bits),
                            random));
        }
        for (double ratio : new double[] {0.5, 0.7, 0.9}) {
            for (int bits : new int[] {8, 4}) {
                trials.add(
                        ok(
                                trials,
                                "prune-" + ratio + "+int" + bits,
                                "prune+quantize",
                                ordered(
                                        "prune_ratio",
                                        Double.toString(ratio),
                                        "bits",
                                        Integer.toString(bits)),
                                BASE_ACCURACY - pruneLoss(ratio) - quantLoss(bits) * 1.5,
                                sparseSize(ratio, bits),
                                quantLatency(bits),
                                random));
            }
        }
        for (double temperature : new double[] {2, 4, 8}) {
            trials.add(
                    ok(
                            trials,
                            "distill-T" + (int) temperature,
                            "distill",
                            ordered("temperature", Integer.toString((int) temperature)),
                            0.893 + 0.002 * Math.log(temperature) / Math.log(2),
                            0.42,
                            0.31,
                            random));
        }
        trials.add(
                ok(
                        trials,
                        "distill-T4+int8",
                        "distill+quantize",
                        ordered("temperature", "4", "bits", "8"),
                        0.893,
                        0.115,
                        0.16,
                        random));
        trials.add(
                TrialOutcome.failed(
                        id(trials),
                        "prune-0.95+int2",
                        "prune+quantize",
                        ordered("prune_ratio", "0.95", "bits", "2"),
                        "loss became NaN at epoch 2 (learning rate 1e-3)"));
        trials.add(
                TrialOutcome.failed(
                        id(trials),
                        "distill-T16",
                        "distill",
                        ordered("temperature", "16"),
                        "per-trial timeout of 600 s exceeded"));
        return List.copyOf(trials);
    }

    private static TrialOutcome ok(
            List<TrialOutcome> trials,
            String name,
            String technique,
            Map<String, String> params,
            double accuracy,
            double sizeMb,
            double latencyMs,
            Random random) {
        double measured = round(accuracy + random.nextGaussian() * 0.002, 4);
        double baseline = trials.isEmpty() ? measured : trials.get(0).metrics().get("accuracy");
        double sizeBytes = Math.round(sizeMb * 1024 * 1024);
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("accuracy", measured);
        double[] wilson = wilson(measured, TEST_IMAGES);
        metrics.put("accuracy_ci_low", round(wilson[0], 6));
        metrics.put("accuracy_ci_high", round(wilson[1], 6));
        metrics.put("accuracy_drop", round(100 * (baseline - measured), 4));
        metrics.put("size_bytes", sizeBytes);
        metrics.put(
                "compression_ratio", round(Math.round(BASE_SIZE_MB * 1024 * 1024) / sizeBytes, 4));
        metrics.put("latency_p50_ms", round(latencyMs * (1 + random.nextGaussian() * 0.03), 3));
        var withKernel = new LinkedHashMap<>(params);
        withKernel.put("kernel_precision", "8".equals(params.get("bits")) ? "int8" : "fp32");
        return TrialOutcome.ok(id(trials), name, technique, withKernel, metrics);
    }

    /**
     * The 95% Wilson score interval of a proportion measured on {@code n} items, as {low, high}.
     */
    private static double[] wilson(double p, int n) {
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {centre - half, centre + half};
    }

    private static LinkedHashMap<String, String> ordered(String... keyValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static String id(List<TrialOutcome> trials) {
        return String.format("t%02d", trials.size() + 1);
    }

    private static double pruneLoss(double ratio) {
        return 0.004 + 0.09 * Math.pow(ratio, 6);
    }

    private static double quantLoss(int bits) {
        return bits >= 16 ? 0.0 : bits == 8 ? 0.002 : bits == 4 ? 0.011 : 0.12;
    }

    private static double quantLatency(int bits) {
        return bits >= 16 ? BASE_LATENCY_MS * 0.9 : BASE_LATENCY_MS * 0.42;
    }

    /**
     * Size of a pruned model in a sparse encoding: surviving values at {@code bits} plus 16-bit
     * indices.
     */
    private static double sparseSize(double ratio, int bits) {
        return BASE_SIZE_MB * (1 - ratio) * (bits + 16) / 32 + 0.01;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
