package dev.frontier.spec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builders of the pipeline passes used by {@link SweepBuilder}. A setter given one value fixes the
 * parameter; given several it makes the parameter a sweep axis; given a {@link Param} (e.g. {@link
 * Param#linear}) uses it as is.
 */
public final class PassBuilder {

    private PassBuilder() {}

    @SafeVarargs
    static <T> Param<T> param(T... values) {
        if (values.length == 1) {
            return Param.of(values[0]);
        }
        List<T> list = new java.util.ArrayList<>(values.length);
        for (T value : values) {
            list.add(value);
        }
        return Param.oneOf(list);
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

    /** Builds a pass, reporting its problems under its kind (e.g. {@code prune.ratio}). */
    static <P extends Pass> P build(Pass.Kind kind, Supplier<P> make) {
        try {
            return make.get();
        } catch (SpecException e) {
            throw new SpecException(
                    e.problems().stream().map(p -> p.under(kind.yamlName())).toList());
        }
    }

    /** Builds a {@link Distill} pass. */
    public static final class DistillBuilder {
        private Param<Double> temperature = Distill.DEFAULT.temperature();
        private Param<Double> alpha = Distill.DEFAULT.alpha();
        private Param<Integer> epochs = Distill.DEFAULT.epochs();
        private Param<Distill.Init> init = Distill.DEFAULT.init();

        DistillBuilder() {}

        /** Softmax temperature(s). */
        public DistillBuilder temperature(double... values) {
            return temperature(decimals(values));
        }

        /** Softmax temperature as a parameter or range. */
        public DistillBuilder temperature(Param<Double> value) {
            temperature = value;
            return this;
        }

        /** Soft-target weight(s). */
        public DistillBuilder alpha(double... values) {
            return alpha(decimals(values));
        }

        /** Soft-target weight as a parameter or range. */
        public DistillBuilder alpha(Param<Double> value) {
            alpha = value;
            return this;
        }

        /** Student epochs. */
        public DistillBuilder epochs(int... values) {
            epochs = integers(values);
            return this;
        }

        /** Student initialization. */
        public DistillBuilder init(Distill.Init... values) {
            init = param(values);
            return this;
        }

        Distill build() {
            return PassBuilder.build(
                    Pass.Kind.DISTILL, () -> new Distill(temperature, alpha, epochs, init));
        }
    }

    /** Builds a {@link Prune} pass. */
    public static final class PruneBuilder {
        private Param<Prune.Method> method = Prune.DEFAULT.method();
        private Param<Prune.Scope> scope = Prune.DEFAULT.scope();
        private Param<Double> ratio = Prune.DEFAULT.ratio();
        private Param<Prune.Schedule> schedule = Prune.DEFAULT.schedule();
        private Param<Integer> finetuneEpochs = Prune.DEFAULT.finetuneEpochs();
        private Param<Prune.Norm> norm = Prune.DEFAULT.norm();
        private Param<Double> finetuneLr = Prune.DEFAULT.finetuneLr();
        private Param<Double> rampEnd = Prune.DEFAULT.rampEnd();
        private List<String> exclude = Prune.DEFAULT.exclude();

        PruneBuilder() {}

        /** magnitude and/or structured. */
        public PruneBuilder method(Prune.Method... values) {
            method = param(values);
            return this;
        }

        /** layer and/or global. */
        public PruneBuilder scope(Prune.Scope... values) {
            scope = param(values);
            return this;
        }

        /** Fraction(s) removed. */
        public PruneBuilder ratio(double... values) {
            return ratio(decimals(values));
        }

        /** Fraction removed as a parameter or range. */
        public PruneBuilder ratio(Param<Double> value) {
            ratio = value;
            return this;
        }

        /** one-shot and/or gradual. */
        public PruneBuilder schedule(Prune.Schedule... values) {
            schedule = param(values);
            return this;
        }

        /** Fine-tuning epochs after pruning. */
        public PruneBuilder finetuneEpochs(int... values) {
            finetuneEpochs = integers(values);
            return this;
        }

        /** l1 and/or l2 (structured pruning). */
        public PruneBuilder norm(Prune.Norm... values) {
            norm = param(values);
            return this;
        }

        /** Fine-tuning learning rate(s); 0 keeps the training's. */
        public PruneBuilder finetuneLr(double... values) {
            return finetuneLr(decimals(values));
        }

        /** Fine-tuning learning rate as a parameter or range. */
        public PruneBuilder finetuneLr(Param<Double> value) {
            finetuneLr = value;
            return this;
        }

        /** Fraction(s) of the fine-tuning steps after which gradual pruning reaches its ratio. */
        public PruneBuilder rampEnd(double... values) {
            return rampEnd(decimals(values));
        }

        /** Ramp end as a parameter or range. */
        public PruneBuilder rampEnd(Param<Double> value) {
            rampEnd = value;
            return this;
        }

        /** Layers never pruned. */
        public PruneBuilder exclude(String... layers) {
            exclude = List.of(layers);
            return this;
        }

        Prune build() {
            return PassBuilder.build(
                    Pass.Kind.PRUNE,
                    () ->
                            new Prune(
                                    method,
                                    scope,
                                    ratio,
                                    schedule,
                                    finetuneEpochs,
                                    norm,
                                    finetuneLr,
                                    rampEnd,
                                    exclude));
        }
    }

    /** Builds a {@link Quantize} pass. */
    public static final class QuantizeBuilder {
        private Param<Integer> bits = Quantize.DEFAULT.bits();
        private Param<Boolean> symmetric = Quantize.DEFAULT.symmetric();
        private Param<Quantize.Granularity> granularity = Quantize.DEFAULT.granularity();
        private Param<Quantize.WeightRange> weightRange = Quantize.DEFAULT.weightRange();
        private Param<Boolean> activations = Quantize.DEFAULT.activations();
        private Param<Quantize.Calibration> calibration = Quantize.DEFAULT.calibration();
        private Param<Integer> calibrationSamples = Quantize.DEFAULT.calibrationSamples();
        private Param<Quantize.Mode> mode = Quantize.DEFAULT.mode();
        private Param<Integer> qatEpochs = Quantize.DEFAULT.qatEpochs();
        private Param<Double> qatLr = Quantize.DEFAULT.qatLr();
        private final Map<String, Integer> overrides = new LinkedHashMap<>();

        QuantizeBuilder() {}

        /** Bit width(s): 1..8 (integer; symmetric needs 2), 16 (half) or 32 (float reference). */
        public QuantizeBuilder bits(int... values) {
            bits = integers(values);
            return this;
        }

        /** Symmetric (true) and/or asymmetric (false). */
        public QuantizeBuilder symmetric(boolean... values) {
            symmetric = booleans(values);
            return this;
        }

        /** per-tensor and/or per-channel. */
        public QuantizeBuilder granularity(Quantize.Granularity... values) {
            granularity = param(values);
            return this;
        }

        /**
         * minmax and/or mse weight ranges (mse clips outliers where that lowers the quantization
         * error).
         */
        public QuantizeBuilder weightRange(Quantize.WeightRange... values) {
            weightRange = param(values);
            return this;
        }

        /** Also quantize activations (true) or weights only (false). */
        public QuantizeBuilder activations(boolean... values) {
            activations = booleans(values);
            return this;
        }

        /** Calibration method(s). */
        public QuantizeBuilder calibration(Quantize.Calibration... values) {
            calibration = param(values);
            return this;
        }

        /** Calibration sample count(s). */
        public QuantizeBuilder calibrationSamples(int... values) {
            calibrationSamples = integers(values);
            return this;
        }

        /** ptq and/or qat. */
        public QuantizeBuilder mode(Quantize.Mode... values) {
            mode = param(values);
            return this;
        }

        /** QAT epochs. */
        public QuantizeBuilder qatEpochs(int... values) {
            qatEpochs = integers(values);
            return this;
        }

        /** QAT learning rate(s); 0 keeps the training's. */
        public QuantizeBuilder qatLr(double... values) {
            return qatLr(decimals(values));
        }

        /** QAT learning rate as a parameter or range. */
        public QuantizeBuilder qatLr(Param<Double> value) {
            qatLr = value;
            return this;
        }

        /** A per-layer bit width (mixed precision). */
        public QuantizeBuilder override(String layer, int layerBits) {
            overrides.put(layer, layerBits);
            return this;
        }

        Quantize build() {
            return PassBuilder.build(
                    Pass.Kind.QUANTIZE,
                    () ->
                            new Quantize(
                                    bits,
                                    symmetric,
                                    granularity,
                                    weightRange,
                                    activations,
                                    calibration,
                                    calibrationSamples,
                                    mode,
                                    qatEpochs,
                                    qatLr,
                                    overrides));
        }
    }

    /** Builds a {@link Finetune} pass. */
    public static final class FinetuneBuilder {
        private Param<Integer> epochs = Finetune.DEFAULT.epochs();
        private Param<Double> lr = Finetune.DEFAULT.lr();

        FinetuneBuilder() {}

        /** Epochs. */
        public FinetuneBuilder epochs(int... values) {
            epochs = integers(values);
            return this;
        }

        /** Learning rate(s). */
        public FinetuneBuilder lr(double... values) {
            return lr(decimals(values));
        }

        /** Learning rate as a parameter or range. */
        public FinetuneBuilder lr(Param<Double> value) {
            lr = value;
            return this;
        }

        Finetune build() {
            return PassBuilder.build(Pass.Kind.FINETUNE, () -> new Finetune(epochs, lr));
        }
    }
}
