package dev.frontier.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.frontier.model.FrontierModel;

/**
 * Where compression passes plug into training: the loss (e.g. distillation, which also sees the
 * inputs), and an action after every optimizer step (e.g. re-applying pruning masks, which Adam's
 * moments would otherwise revive).
 */
public record TrainingHooks(LossFunction loss, AfterStep afterStep) {

    /** Computes the scalar training loss of a batch. */
    @FunctionalInterface
    public interface LossFunction {
        NDArray compute(NDArray inputs, NDArray labels, NDList predictions);
    }

    /** Runs after each optimizer step with the 0-based global step index. */
    @FunctionalInterface
    public interface AfterStep {
        void run(FrontierModel model, int step);
    }

    /** Plain softmax cross-entropy, nothing after the step. */
    public static TrainingHooks standard() {
        Loss ce = Loss.softmaxCrossEntropyLoss();
        return new TrainingHooks((x, y, p) -> ce.evaluate(new NDList(y), p), (m, s) -> { });
    }

    public TrainingHooks withLoss(LossFunction l) {
        return new TrainingHooks(l, afterStep);
    }

    public TrainingHooks withAfterStep(AfterStep a) {
        return new TrainingHooks(loss, a);
    }
}
