package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.train.TrainingHooks;
import java.util.Locale;

/**
 * Knowledge distillation (Hinton et al. 2015): the student is trained on alpha * T^2 *
 * KL(softmax(z_t/T) || softmax(z_s/T)) + (1 - alpha) * CE(y, z_s), with the teacher's logits
 * computed under no gradient. The T^2 factor keeps the soft term's gradients independent of T for
 * large T.
 */
public final class Distillation {
    private final double temperature;
    private final double alpha;

    /**
     * Distillation at temperature {@code temperature} > 0 with soft-target weight {@code alpha} in
     * [0, 1].
     */
    public Distillation(double temperature, double alpha) {
        Limits.TEMPERATURE.check(temperature, "distillation temperature");
        Limits.ALPHA.check(alpha, "distillation alpha");
        this.temperature = temperature;
        this.alpha = alpha;
    }

    /**
     * The loss on given logits: used by the training hook and checked against the closed form in
     * tests.
     */
    public NDArray loss(NDArray studentLogits, NDArray teacherLogits, NDArray labels) {
        float t = (float) temperature;
        NDArray logQ = studentLogits.div(t).logSoftmax(1);
        NDArray logP = teacherLogits.div(t).logSoftmax(1);
        NDArray kl = logP.exp().mul(logP.sub(logQ)).sum(new int[] {1}).mean();
        NDArray soft = kl.mul((float) (alpha * temperature * temperature));
        if (alpha == 1) {
            return soft;
        }
        NDArray ce =
                Loss.softmaxCrossEntropyLoss()
                        .evaluate(new NDList(labels), new NDList(studentLogits));
        return soft.add(ce.mul((float) (1 - alpha)));
    }

    /**
     * Training hooks whose loss runs {@code teacher} on each batch's inputs (inference mode,
     * gradient stopped). The teacher must predict the same classes as the student.
     */
    public TrainingHooks hooks(FrontierModel teacher, ModelSpec student) {
        return hooks(TeacherLogits.of(teacher), student);
    }

    /**
     * Training hooks whose loss asks {@code teacher} for the logits of each training batch (the
     * very inputs the student sees). The teacher must predict the same classes as the student.
     */
    public TrainingHooks hooks(TeacherLogits teacher, ModelSpec student) {
        if (teacher.numClasses() != student.numClasses()) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "teacher %s predicts %d classes but student %s predicts %d; distillation needs the same classes",
                            teacher.describe(),
                            teacher.numClasses(),
                            student.name(),
                            student.numClasses()));
        }
        return TrainingHooks.standard()
                .withLoss(
                        (x, y, pred) ->
                                loss(pred.singletonOrThrow(), teacher.logits(x).stopGradient(), y));
    }

    public double temperature() {
        return temperature;
    }

    public double alpha() {
        return alpha;
    }
}
