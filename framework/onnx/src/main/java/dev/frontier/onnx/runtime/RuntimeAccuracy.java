package dev.frontier.onnx.runtime;

import dev.frontier.data.ImageSet;
import dev.frontier.stats.Proportion;

/** Top-1 accuracy of a runtime on a labelled set, with its Wilson interval. */
public final class RuntimeAccuracy {
    private RuntimeAccuracy() {}

    /**
     * Evaluates {@code runtime} on {@code set} in batches of {@code batch}, normalizing pixels with
     * mean/std.
     */
    public static Proportion evaluate(
            InferenceRuntime runtime, ImageSet set, float mean, float std, int batch) {
        return Proportion.wilson(correct(runtime, set, mean, std, batch), set.size());
    }

    /** Number of images of {@code set} whose arg-max logit is the label. */
    public static long correct(
            InferenceRuntime runtime, ImageSet set, float mean, float std, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        int size = set.imageSize();
        int k = runtime.spec().numClasses();
        long right = 0;
        for (int from = 0; from < set.size(); from += batch) {
            int n = Math.min(batch, set.size() - from);
            float[] x = new float[n * size];
            for (int i = 0; i < n; i++) {
                set.copyNormalized(from + i, x, i * size, mean, std);
            }
            float[] logits = runtime.run(x, n);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (logits[i * k + c] > logits[i * k + best]) {
                        best = c;
                    }
                }
                if (best == set.label(from + i)) {
                    right++;
                }
            }
        }
        return right;
    }
}
