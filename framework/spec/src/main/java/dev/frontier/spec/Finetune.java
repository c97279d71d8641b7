package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.List;
import java.util.Map;

/**
 * Plain fine-tuning of the current model (keeping any pruning masks).
 *
 * @param epochs epochs, &gt;= 1
 * @param lr learning rate, &gt; 0
 */
public record Finetune(Param<Integer> epochs, Param<Double> lr) implements Pass {

    /** The pass's type: {@code finetune}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.ofRecord(
                            Finetune.class,
                            "finetune",
                            PassType.Role.TRANSFORM,
                            "trains the current model further, keeping any pruned weights zero",
                            List.of(
                                    ParamDecl.integer(
                                            "epochs", 1, Limits.EPOCHS, "a count", "epochs"),
                                    ParamDecl.decimal(
                                            "lr",
                                            1e-4,
                                            Limits.LEARNING_RATE,
                                            "a learning rate",
                                            "learning rate > 0")))
                    .withEpochs("epochs");

    /** 1 epoch at lr 0.0001. */
    public static final Finetune DEFAULT = (Finetune) TYPE.defaults();

    /** Checks every value against its declaration. */
    public Finetune {
        TYPE.check(epochs, lr);
    }

    @Override
    public PassType type() {
        return TYPE;
    }

    @Override
    public Finetune with(Map<String, Param<?>> replacements) {
        return (Finetune) Pass.super.with(replacements);
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
