package dev.frontier.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.frontier.data.ImageSet;
import dev.frontier.model.FrontierModel;
import dev.frontier.stats.Proportion;
import dev.frontier.train.Batches;

/**
 * Runs a model in inference mode over a labelled set. Each batch's arrays live in a sub-manager
 * closed right after.
 */
public final class Evaluator {
    private final int batchSize;

    /** An evaluator using batches of {@code batchSize} images. */
    public Evaluator(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1");
        }
        this.batchSize = batchSize;
    }

    /** Evaluates {@code model} on {@code set}, normalizing pixels with mean/std. */
    public Evaluation evaluate(FrontierModel model, ImageSet set, float mean, float std) {
        int n = set.size();
        int k = set.numClasses();
        int[][] confusion = new int[k][k];
        boolean[] correct = new boolean[n];
        Batches batches = new Batches(set, mean, std, batchSize);
        int[] order = Batches.identity(n);
        long right = 0;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            try (NDManager m = model.djlModel().getNDManager().newSubManager()) {
                NDArray x = batches.images(m, order, from, to);
                NDArray logits =
                        model.block()
                                .forward(new ParameterStore(m, false), new NDList(x), false)
                                .singletonOrThrow();
                long[] pred = logits.argMax(1).toLongArray();
                for (int i = 0; i < pred.length; i++) {
                    int truth = set.label(from + i);
                    int p = (int) pred[i];
                    confusion[truth][p]++;
                    correct[from + i] = truth == p;
                    if (truth == p) {
                        right++;
                    }
                }
            }
        }
        return new Evaluation(Proportion.wilson(right, n), confusion, correct, set.classes());
    }
}
