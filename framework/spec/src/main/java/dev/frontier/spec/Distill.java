package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.List;
import java.util.Map;

/**
 * Knowledge distillation: trains a student of the sweep's model on the teacher's soft targets, loss
 * {@code alpha * T^2 * KL(teacher/T || student/T) + (1 - alpha) * CE}. Needs a {@code teacher}.
 *
 * @param temperature softmax temperature T, &gt; 0
 * @param alpha weight of the soft-target loss, in [0, 1]
 * @param epochs student training epochs, &gt;= 1
 * @param init start the student from scratch or from the baseline weights
 */
public record Distill(
        Param<Double> temperature, Param<Double> alpha, Param<Integer> epochs, Param<Init> init)
        implements Pass {

    /** The pass's type: {@code distill}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.ofRecord(
                            Distill.class,
                            "distill",
                            PassType.Role.STUDENT,
                            "trains a student of the sweep's model on the teacher's soft targets",
                            List.of(
                                    ParamDecl.decimal(
                                            "temperature",
                                            4.0,
                                            Limits.TEMPERATURE,
                                            "a temperature",
                                            "softmax temperature T > 0"),
                                    ParamDecl.decimal(
                                            "alpha",
                                            0.7,
                                            Limits.ALPHA,
                                            "a weight",
                                            "soft-target weight in [0, 1]"),
                                    ParamDecl.integer(
                                            "epochs",
                                            3,
                                            Limits.EPOCHS,
                                            "a count",
                                            "student epochs"),
                                    ParamDecl.choice(
                                            "init",
                                            Init.class,
                                            Init.SCRATCH,
                                            "student initialization")))
                    .withEpochs("epochs");

    /** T = 4, alpha = 0.7, 3 epochs, from scratch. */
    public static final Distill DEFAULT = (Distill) TYPE.defaults();

    /** Where the student's weights start. */
    public enum Init implements Named {
        /** Fresh random weights. */
        SCRATCH,
        /** A copy of the trained baseline. */
        BASELINE;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** Checks every value against its declaration. */
    public Distill {
        TYPE.check(temperature, alpha, epochs, init);
    }

    @Override
    public PassType type() {
        return TYPE;
    }

    @Override
    public Distill with(Map<String, Param<?>> replacements) {
        return (Distill) Pass.super.with(replacements);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        return Passes.fixedValues(this);
    }

    @Override
    public int trainingEpochs() {
        return epochs.value();
    }
}
