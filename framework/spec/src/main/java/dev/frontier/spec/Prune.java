package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.List;
import java.util.Map;

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

    /** The pass's type: {@code prune}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.ofRecord(
                            Prune.class,
                            "prune",
                            PassType.Role.TRANSFORM,
                            "removes weights by magnitude or whole channels by norm, then"
                                    + " fine-tunes",
                            List.of(
                                    ParamDecl.choice(
                                            "method",
                                            Method.class,
                                            Method.MAGNITUDE,
                                            "unstructured magnitude or structured"
                                                    + " (filters/channels)"),
                                    ParamDecl.choice(
                                            "scope",
                                            Scope.class,
                                            Scope.LAYER,
                                            "rank weights per layer or globally"),
                                    ParamDecl.decimal(
                                            "ratio",
                                            0.5,
                                            Limits.PRUNE_RATIO,
                                            "a fraction",
                                            "fraction removed, in [0, 1)"),
                                    ParamDecl.choice(
                                            "schedule",
                                            Schedule.class,
                                            Schedule.ONE_SHOT,
                                            "all at once or ramped over fine-tuning"),
                                    ParamDecl.integer(
                                            "finetuneEpochs",
                                            1,
                                            Limits.OPTIONAL_EPOCHS,
                                            "a count",
                                            "fine-tuning epochs after pruning"),
                                    ParamDecl.choice(
                                            "norm",
                                            Norm.class,
                                            Norm.L1,
                                            "channel norm for structured pruning"),
                                    ParamDecl.decimal(
                                                    "finetuneLr",
                                                    TRAINING_LR,
                                                    Limits.OPTIONAL_LEARNING_RATE,
                                                    "a learning rate",
                                                    "learning rate of the fine-tuning > 0; 0"
                                                            + " (default) keeps the training's")
                                            .expecting(
                                                    "a learning rate > 0 (0 keeps the"
                                                            + " training's)")
                                            .implicitDefault(),
                                    ParamDecl.decimal(
                                                    "rampEnd",
                                                    DEFAULT_RAMP_END,
                                                    Limits.RAMP_END,
                                                    "a fraction of the fine-tuning steps",
                                                    "gradual pruning reaches its ratio after this"
                                                            + " fraction of the fine-tuning steps,"
                                                            + " in (0, 1]; default 0.75")
                                            .implicitDefault(),
                                    ParamDecl.strings("exclude", "layers never pruned")))
                    .withEpochs("finetuneEpochs")
                    .withRules(Prune::rules);

    /**
     * Magnitude, per layer, ratio 0.5, one-shot, 1 fine-tuning epoch at the training's learning
     * rate, L1, ramp ending at 75% of the steps, no excluded layers.
     */
    public static final Prune DEFAULT = (Prune) TYPE.defaults();

    /** Checks every value against its declaration, and that gradual pruning fine-tunes. */
    public Prune {
        exclude = List.copyOf(exclude);
        TYPE.check(
                method, scope, ratio, schedule, finetuneEpochs, norm, finetuneLr, rampEnd, exclude);
    }

    @SuppressWarnings("unchecked")
    private static List<Problem> rules(Map<String, Object> v) {
        Param<Schedule> schedule = (Param<Schedule>) v.get("schedule");
        Param<Integer> epochs = (Param<Integer>) v.get("finetuneEpochs");
        if (schedule.values().contains(Schedule.GRADUAL) && epochs.values().contains(0)) {
            return List.of(
                    Problem.at(
                            "schedule",
                            "found gradual with finetuneEpochs 0, expected finetuneEpochs >= 1 for"
                                    + " gradual pruning"));
        }
        return List.of();
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
    public PassType type() {
        return TYPE;
    }

    @Override
    public Prune with(Map<String, Param<?>> replacements) {
        return (Prune) Pass.super.with(replacements);
    }

    @Override
    public boolean mayTrain() {
        return mayFinetune();
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

    @Override
    public int trainingEpochs() {
        return finetuneEpochs.value();
    }
}
