package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pruning: zeroes weights by magnitude (unstructured) or removes whole filters/channels by norm
 * (structured), in one shot or gradually, then fine-tunes.
 *
 * @param method magnitude or structured
 * @param scope rank weights within each layer or across all layers
 * @param ratio fraction of weights (or channels) removed, in [0, 1)
 * @param schedule one-shot, or gradual (sparsity ramps up over the fine-tuning epochs)
 * @param finetuneEpochs fine-tuning epochs after pruning, &gt;= 0
 * @param norm channel norm for structured pruning (ignored by magnitude pruning)
 * @param finetuneLr learning rate of the fine-tuning, &gt; 0; 0 (the default) keeps the baseline
 *     training's
 * @param rampEnd gradual pruning reaches {@code ratio} after this fraction of the fine-tuning
 *     steps, in (0, 1]; 0.75 by default (ignored by one-shot pruning)
 * @param exclude layer names never pruned
 */
public record Prune(
        Param<Method> method,
        Param<Scope> scope,
        Param<Double> ratio,
        Param<Schedule> schedule,
        Param<Integer> finetuneEpochs,
        Param<Norm> norm,
        Param<Double> finetuneLr,
        Param<Double> rampEnd,
        List<String> exclude)
        implements Pass {

    /** The fine-tuning learning rate that means "the baseline training's": 0. */
    public static final double TRAINING_LR = 0.0;

    /**
     * The fraction of fine-tuning steps over which gradual pruning ramps up unless told otherwise:
     * 0.75.
     */
    public static final double DEFAULT_RAMP_END = 0.75;

    /**
     * Magnitude, per layer, ratio 0.5, one-shot, 1 fine-tuning epoch at the training's learning
     * rate, L1, ramp ending at 75% of the steps, no excluded layers.
     */
    public static final Prune DEFAULT =
            new Prune(
                    Param.of(Method.MAGNITUDE),
                    Param.of(Scope.LAYER),
                    Param.of(0.5),
                    Param.of(Schedule.ONE_SHOT),
                    Param.of(1),
                    Param.of(Norm.L1),
                    List.of());

    /** What is removed. */
    public enum Method implements Named {
        /**
         * Individual weights of smallest magnitude (unstructured, needs a sparse encoding to
         * shrink).
         */
        MAGNITUDE,
        /** Whole filters/channels of smallest norm (really shrinks the dense model). */
        STRUCTURED;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** Where weights are ranked. */
    public enum Scope implements Named {
        /** Each layer loses {@code ratio} of its weights. */
        LAYER,
        /** Weights are ranked across all layers together. */
        GLOBAL;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** When weights are removed. */
    public enum Schedule implements Named {
        /** All at once, before fine-tuning. */
        ONE_SHOT,
        /** Sparsity ramps up during fine-tuning (Zhu and Gupta 2017). */
        GRADUAL;

        @Override
        public String yamlName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** The norm that ranks channels in structured pruning. */
    public enum Norm implements Named {
        /** Sum of absolute values. */
        L1,
        /** Euclidean norm. */
        L2;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** Checks every value of every parameter, and that gradual pruning fine-tunes. */
    public Prune {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(ratio, "ratio");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(finetuneEpochs, "finetuneEpochs");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(finetuneLr, "finetuneLr");
        Objects.requireNonNull(rampEnd, "rampEnd");
        exclude = List.copyOf(exclude);
        new Checks()
                .param("ratio", ratio, Limits.PRUNE_RATIO, "a fraction")
                .param("finetuneEpochs", finetuneEpochs, Limits.OPTIONAL_EPOCHS, "a count")
                .param(
                        "finetuneLr",
                        finetuneLr,
                        v -> Limits.OPTIONAL_LEARNING_RATE.contains(v),
                        "a learning rate > 0 (0 keeps the training's)")
                .param("rampEnd", rampEnd, Limits.RAMP_END, "a fraction of the fine-tuning steps")
                .require(
                        !(schedule.values().contains(Schedule.GRADUAL)
                                && finetuneEpochs.values().contains(0)),
                        "schedule",
                        "found gradual with finetuneEpochs 0, expected finetuneEpochs >= 1 for gradual pruning")
                .require(
                        exclude.stream().noneMatch(String::isBlank),
                        "exclude",
                        "found an empty layer name, expected layer names")
                .done();
    }

    /**
     * A pruning pass at the training's learning rate whose gradual ramp ends at 75% of the steps.
     */
    public Prune(
            Param<Method> method,
            Param<Scope> scope,
            Param<Double> ratio,
            Param<Schedule> schedule,
            Param<Integer> finetuneEpochs,
            Param<Norm> norm,
            List<String> exclude) {
        this(
                method,
                scope,
                ratio,
                schedule,
                finetuneEpochs,
                norm,
                Param.of(TRAINING_LR),
                Param.of(DEFAULT_RAMP_END),
                exclude);
    }

    /** Whether any value of this pass fine-tunes the weights (finetuneEpochs &gt; 0). */
    public boolean mayFinetune() {
        return finetuneEpochs.values().stream().anyMatch(e -> e > 0);
    }

    @Override
    public Kind kind() {
        return Kind.PRUNE;
    }

    @Override
    public Map<String, Param<?>> params() {
        var m = new LinkedHashMap<String, Param<?>>();
        m.put("method", method);
        m.put("scope", scope);
        m.put("ratio", ratio);
        m.put("schedule", schedule);
        m.put("finetuneEpochs", finetuneEpochs);
        m.put("norm", norm);
        m.put("finetuneLr", finetuneLr);
        m.put("rampEnd", rampEnd);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("exclude", exclude);
    }

    @Override
    public Prune with(Map<String, Param<?>> r) {
        Passes.checkKeys(this, r);
        return new Prune(
                Passes.pick(r, "method", method),
                Passes.pick(r, "scope", scope),
                Passes.pick(r, "ratio", ratio),
                Passes.pick(r, "schedule", schedule),
                Passes.pick(r, "finetuneEpochs", finetuneEpochs),
                Passes.pick(r, "norm", norm),
                Passes.pick(r, "finetuneLr", finetuneLr),
                Passes.pick(r, "rampEnd", rampEnd),
                exclude);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        Map<String, Object> m = Passes.fixedValues(this);
        if (method.value() == Method.MAGNITUDE) {
            m.remove("norm");
        }
        if (finetuneEpochs.value() == 0 || finetuneLr.value() == TRAINING_LR) {
            m.remove("finetuneLr"); // no fine-tuning, or the training's learning rate
        }
        if (finetuneEpochs.value() == 0
                || schedule.value() != Schedule.GRADUAL
                || method.value() != Method.MAGNITUDE) {
            m.remove("rampEnd");
        }
        m.put("exclude", exclude);
        return m;
    }

    /**
     * finetuneLr and rampEnd came after the first specs were hashed: the training's learning rate
     * and a ramp ending at 75% of the steps, what they all mean, are implicit.
     */
    @Override
    public Map<String, Object> implicitDefaults() {
        return Map.of("finetuneLr", TRAINING_LR, "rampEnd", DEFAULT_RAMP_END);
    }

    @Override
    public int trainingEpochs() {
        return finetuneEpochs.value();
    }
}
