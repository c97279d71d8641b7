package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    /** T = 4, alpha = 0.7, 3 epochs, from scratch. */
    public static final Distill DEFAULT =
            new Distill(Param.of(4.0), Param.of(0.7), Param.of(3), Param.of(Init.SCRATCH));

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

    /** Checks every value of every parameter. */
    public Distill {
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(alpha, "alpha");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(init, "init");
        new Checks()
                .param("temperature", temperature, Limits.TEMPERATURE, "a temperature")
                .param("alpha", alpha, Limits.ALPHA, "a weight")
                .param("epochs", epochs, Limits.EPOCHS, "a count")
                .done();
    }

    @Override
    public Kind kind() {
        return Kind.DISTILL;
    }

    @Override
    public Map<String, Param<?>> params() {
        var m = new LinkedHashMap<String, Param<?>>();
        m.put("temperature", temperature);
        m.put("alpha", alpha);
        m.put("epochs", epochs);
        m.put("init", init);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public Distill with(Map<String, Param<?>> r) {
        Passes.checkKeys(this, r);
        return new Distill(
                Passes.pick(r, "temperature", temperature),
                Passes.pick(r, "alpha", alpha),
                Passes.pick(r, "epochs", epochs),
                Passes.pick(r, "init", init));
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
