package dev.frontier.spec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builders of the pipeline passes used by {@link SweepBuilder}. A setter given one value fixes the
 * parameter; given several it makes the parameter a sweep axis; given a {@link Param} (e.g. {@link
 * Param#linear}) uses it as is. Unset parameters take their declared defaults ({@link ParamDecl});
 * every builder fills a {@link Of}, which makes the pass through its {@link PassType}.
 */
public final class PassBuilder {

    private PassBuilder() {}

    @SafeVarargs
    static <T> Param<T> param(T... values) {
        if (values.length == 1) {
            return Param.of(values[0]);
        }
        return Param.oneOf(List.of(values));
    }

    static Param<Double> decimals(double... values) {
        return param(Arrays.stream(values).boxed().toArray(Double[]::new));
    }

    static Param<Integer> integers(int... values) {
        return param(Arrays.stream(values).boxed().toArray(Integer[]::new));
    }

    static Param<Boolean> booleans(boolean... values) {
        Boolean[] boxed = new Boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return param(boxed);
    }

    /**
     * Builds a pass of any registered type by parameter key: {@code b.set("rank", 0.25, 0.5)}.
     * Values are checked against the type's declarations when the sweep is built.
     */
    public static class Of {
        private final PassType type;
        private final Map<String, Object> values = new LinkedHashMap<>();

        /** A builder of a pass of {@code type}, every parameter at its default. */
        public Of(PassType type) {
            this.type = type;
        }

        /** The type being built. */
        public PassType type() {
            return type;
        }

        /**
         * Sets a parameter: one value fixes it, several make it an axis; numbers are converted to
         * the declared type (an integer given for a decimal parameter, say).
         *
         * @throws IllegalArgumentException for a key the type does not declare, or several values
         *     for a setting
         */
        public Of set(String key, Object... given) {
            ParamDecl<?> d = decl(key);
            if (given.length == 0) {
                throw new IllegalArgumentException(type.name() + "." + key + ": no value given");
            }
            if (!d.sweepable()) {
                if (given.length != 1) {
                    throw new IllegalArgumentException(
                            type.name() + "." + key + " is a setting, not an axis: give one value");
                }
                values.put(key, given[0]);
                return this;
            }
            Object[] converted = Arrays.stream(given).map(v -> convert(d, v)).toArray();
            values.put(key, param(converted));
            return this;
        }

        /** Sets a sweepable parameter to a {@link Param} such as {@link Param#linear}. */
        public Of set(String key, Param<?> value) {
            ParamDecl<?> d = decl(key);
            if (!d.sweepable()) {
                throw new IllegalArgumentException(type.name() + "." + key + " cannot be swept");
            }
            values.put(key, value);
            return this;
        }

        /** The value set so far for {@code key}, or its declared default. */
        Object current(String key) {
            return values.containsKey(key) ? values.get(key) : decl(key).defaultValue();
        }

        private ParamDecl<?> decl(String key) {
            return type.declared(key);
        }

        private static Object convert(ParamDecl<?> d, Object v) {
            if (d.type() == ParamDecl.Type.DECIMAL && v instanceof Number n) {
                return n.doubleValue();
            }
            if (d.type() == ParamDecl.Type.INTEGER
                    && v instanceof Number n
                    && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.intValue();
            }
            return v;
        }

        /** The pass; problems are reported under the pass's name (e.g. {@code prune.ratio}). */
        Pass build() {
            try {
                return type.create(values);
            } catch (SpecException e) {
                throw new SpecException(
                        e.problems().stream().map(p -> p.under(type.name())).toList());
            }
        }
    }

    /** Builds a {@link Distill} pass. */
    public static final class DistillBuilder extends Of {
        DistillBuilder() {
            super(Distill.TYPE);
        }

        /** Softmax temperature(s). */
        public DistillBuilder temperature(double... values) {
            return temperature(decimals(values));
        }

        /** Softmax temperature as a parameter or range. */
        public DistillBuilder temperature(Param<Double> value) {
            set("temperature", value);
            return this;
        }

        /** Soft-target weight(s). */
        public DistillBuilder alpha(double... values) {
            return alpha(decimals(values));
        }

        /** Soft-target weight as a parameter or range. */
        public DistillBuilder alpha(Param<Double> value) {
            set("alpha", value);
            return this;
        }

        /** Student epochs. */
        public DistillBuilder epochs(int... values) {
            set("epochs", integers(values));
            return this;
        }

        /** Student initialization. */
        public DistillBuilder init(Distill.Init... values) {
            set("init", param(values));
            return this;
        }
    }

    /** Builds a {@link Prune} pass. */
    public static final class PruneBuilder extends Of {
        PruneBuilder() {
            super(Prune.TYPE);
        }

        /** magnitude and/or structured. */
        public PruneBuilder method(Prune.Method... values) {
            set("method", param(values));
            return this;
        }

        /** layer and/or global. */
        public PruneBuilder scope(Prune.Scope... values) {
            set("scope", param(values));
            return this;
        }

        /** Fraction(s) removed. */
        public PruneBuilder ratio(double... values) {
            return ratio(decimals(values));
        }

        /** Fraction removed as a parameter or range. */
        public PruneBuilder ratio(Param<Double> value) {
            set("ratio", value);
            return this;
        }

        /** one-shot and/or gradual. */
        public PruneBuilder schedule(Prune.Schedule... values) {
            set("schedule", param(values));
            return this;
        }

        /** Fine-tuning epochs after pruning. */
        public PruneBuilder finetuneEpochs(int... values) {
            set("finetuneEpochs", integers(values));
            return this;
        }

        /** l1 and/or l2 (structured pruning). */
        public PruneBuilder norm(Prune.Norm... values) {
            set("norm", param(values));
            return this;
        }

        /** Fine-tuning learning rate(s); 0 keeps the training's. */
        public PruneBuilder finetuneLr(double... values) {
            return finetuneLr(decimals(values));
        }

        /** Fine-tuning learning rate as a parameter or range. */
        public PruneBuilder finetuneLr(Param<Double> value) {
            set("finetuneLr", value);
            return this;
        }

        /** Fraction(s) of the fine-tuning steps after which gradual pruning reaches its ratio. */
        public PruneBuilder rampEnd(double... values) {
            return rampEnd(decimals(values));
        }

        /** Ramp end as a parameter or range. */
        public PruneBuilder rampEnd(Param<Double> value) {
            set("rampEnd", value);
            return this;
        }

        /** Layers never pruned. */
        public PruneBuilder exclude(String... layers) {
            set("exclude", (Object) List.of(layers));
            return this;
        }
    }

    /** Builds a {@link Quantize} pass. */
    public static final class QuantizeBuilder extends Of {
        QuantizeBuilder() {
            super(Quantize.TYPE);
        }

        /** Bit width(s): 1..8 (integer; symmetric needs 2), 16 (half) or 32 (float reference). */
        public QuantizeBuilder bits(int... values) {
            set("bits", integers(values));
            return this;
        }

        /** Symmetric (true) and/or asymmetric (false). */
        public QuantizeBuilder symmetric(boolean... values) {
            set("symmetric", booleans(values));
            return this;
        }

        /** per-tensor and/or per-channel. */
        public QuantizeBuilder granularity(Quantize.Granularity... values) {
            set("granularity", param(values));
            return this;
        }

        /**
         * How weight ranges are fitted: minmax and/or mse (clips outliers where that lowers the
         * round-trip error).
         */
        public QuantizeBuilder weightRange(Quantize.WeightRange... values) {
            set("weightRange", param(values));
            return this;
        }

        /** Also quantize activations (true) or weights only (false). */
        public QuantizeBuilder activations(boolean... values) {
            set("activations", booleans(values));
            return this;
        }

        /** Calibration method(s). */
        public QuantizeBuilder calibration(Quantize.Calibration... values) {
            set("calibration", param(values));
            return this;
        }

        /** Calibration sample count(s). */
        public QuantizeBuilder calibrationSamples(int... values) {
            set("calibrationSamples", integers(values));
            return this;
        }

        /** ptq and/or qat. */
        public QuantizeBuilder mode(Quantize.Mode... values) {
            set("mode", param(values));
            return this;
        }

        /** QAT epochs. */
        public QuantizeBuilder qatEpochs(int... values) {
            set("qatEpochs", integers(values));
            return this;
        }

        /** QAT learning rate(s); 0 keeps the training's. */
        public QuantizeBuilder qatLr(double... values) {
            return qatLr(decimals(values));
        }

        /** QAT learning rate as a parameter or range. */
        public QuantizeBuilder qatLr(Param<Double> value) {
            set("qatLr", value);
            return this;
        }

        /** A per-layer bit width (mixed precision). */
        @SuppressWarnings("unchecked")
        public QuantizeBuilder override(String layer, int layerBits) {
            Map<String, Integer> overrides =
                    new LinkedHashMap<>((Map<String, Integer>) current("overrides"));
            overrides.put(layer, layerBits);
            set("overrides", (Object) overrides);
            return this;
        }
    }

    /** Builds a {@link Finetune} pass. */
    public static final class FinetuneBuilder extends Of {
        FinetuneBuilder() {
            super(Finetune.TYPE);
        }

        /** Epochs. */
        public FinetuneBuilder epochs(int... values) {
            set("epochs", integers(values));
            return this;
        }

        /** Learning rate(s). */
        public FinetuneBuilder lr(double... values) {
            return lr(decimals(values));
        }

        /** Learning rate as a parameter or range. */
        public FinetuneBuilder lr(Param<Double> value) {
            set("lr", value);
            return this;
        }
    }
}
