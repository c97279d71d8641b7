package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Plain fine-tuning of the current model (keeping any pruning masks).
 *
 * @param epochs epochs, &gt;= 1
 * @param lr learning rate, &gt; 0
 */
public record Finetune(Param<Integer> epochs, Param<Double> lr) implements Pass {

    /** 1 epoch at lr 0.0001. */
    public static final Finetune DEFAULT = new Finetune(Param.of(1), Param.of(1e-4));

    /** Checks every value of every parameter. */
    public Finetune {
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(lr, "lr");
        new Checks()
                .param("epochs", epochs, Limits.EPOCHS, "a count")
                .param("lr", lr, Limits.LEARNING_RATE, "a learning rate")
                .done();
    }

    @Override
    public Kind kind() {
        return Kind.FINETUNE;
    }

    @Override
    public Map<String, Param<?>> params() {
        var m = new LinkedHashMap<String, Param<?>>();
        m.put("epochs", epochs);
        m.put("lr", lr);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public Finetune with(Map<String, Param<?>> r) {
        Passes.checkKeys(this, r);
        return new Finetune(Passes.pick(r, "epochs", epochs), Passes.pick(r, "lr", lr));
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
