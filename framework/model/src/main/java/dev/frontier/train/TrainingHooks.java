package dev.frontier.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.frontier.model.FrontierModel;

/**
 * Where compression passes plug into training: the loss (e.g. distillation, which also sees the
 * inputs); an action before each batch's forward pass and one between backward and the optimizer
 * step (e.g. quantization-aware training swaps fake-quantized weights in and the fp32 weights
 * back); and an action after each optimizer step (e.g. re-applying pruning masks, which Adam's
 * moments would otherwise revive).
 */
public record TrainingHooks(
        LossFunction loss, StepAction beforeForward, StepAction beforeStep, StepAction afterStep) {

    /** Computes the scalar training loss of a batch. */
    @FunctionalInterface
    public interface LossFunction {
        NDArray compute(NDArray inputs, NDArray labels, NDList predictions);
    }

    /** Runs at a point of each training step, with the 0-based global step index. */
    @FunctionalInterface
    public interface StepAction {
        void run(FrontierModel model, int step);

        /** Does nothing. */
        static StepAction none() {
            return (m, s) -> {};
        }

        /** This action, then {@code next}. */
        default StepAction andThen(StepAction next) {
            return (m, s) -> {
                run(m, s);
                next.run(m, s);
            };
        }
    }

    /** Plain softmax cross-entropy, no actions. */
    public static TrainingHooks standard() {
        Loss ce = Loss.softmaxCrossEntropyLoss();
        return new TrainingHooks(
                (x, y, p) -> ce.evaluate(new NDList(y), p),
                StepAction.none(),
                StepAction.none(),
                StepAction.none());
    }

    public TrainingHooks withLoss(LossFunction l) {
        return new TrainingHooks(l, beforeForward, beforeStep, afterStep);
    }

    /** Adds {@code a} after the existing after-step action. */
    public TrainingHooks withAfterStep(StepAction a) {
        return new TrainingHooks(loss, beforeForward, beforeStep, afterStep.andThen(a));
    }

    /** Adds {@code a} after the existing before-forward action. */
    public TrainingHooks withBeforeForward(StepAction a) {
        return new TrainingHooks(loss, beforeForward.andThen(a), beforeStep, afterStep);
    }

    /** Adds {@code a} after the existing before-step action. */
    public TrainingHooks withBeforeStep(StepAction a) {
        return new TrainingHooks(loss, beforeForward, beforeStep.andThen(a), afterStep);
    }
}
