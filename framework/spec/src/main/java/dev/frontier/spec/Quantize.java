package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantization of weights (and optionally activations) to {@code bits}, post-training or
 * quantization-aware. 32 bits is the float reference and leaves the model unchanged; 16 is IEEE
 * half precision.
 *
 * @param bits bit width ({@link Limits#isBits}): 1 to 8 (integer codes; symmetric needs 2), 16 or
 *     32
 * @param symmetric symmetric (scale only) or asymmetric (scale and zero point)
 * @param granularity one scale per tensor or per output channel
 * @param weightRange how each weight range is fitted: min-max, or MSE (clips outliers where that
 *     lowers the round-trip squared error; worth most at 4 bits and below)
 * @param activations also quantize activations (needs calibration), else weights only
 * @param calibration how activation ranges are calibrated
 * @param calibrationSamples examples used for calibration, &gt;= 1
 * @param mode ptq (post-training) or qat (fake-quant training with a straight-through estimator)
 * @param qatEpochs QAT training epochs, &gt;= 1 when mode is qat (ignored by ptq)
 * @param qatLr QAT learning rate, &gt; 0; 0 (the default) keeps the baseline training's (ignored by
 *     ptq)
 * @param overrides per-layer bit widths (mixed precision), layer name to bits, each as {@code bits}
 */
public record Quantize(
        Param<Integer> bits,
        Param<Boolean> symmetric,
        Param<Granularity> granularity,
        Param<WeightRange> weightRange,
        Param<Boolean> activations,
        Param<Calibration> calibration,
        Param<Integer> calibrationSamples,
        Param<Mode> mode,
        Param<Integer> qatEpochs,
        Param<Double> qatLr,
        Map<String, Integer> overrides)
        implements Pass {

    /** The QAT learning rate that means "the baseline training's": 0. */
    public static final double TRAINING_LR = 0.0;

    /** What {@code bits} and overrides take, completing "expected …". */
    static final String BITS_EXPECTED = "bits in " + Limits.BITS_TEXT;

    /** The float reference width: quantizing to 32 bits changes nothing. */
    public static final int REFERENCE_BITS = Limits.FLOAT_BITS;

    /** One scale per tensor or per output channel. */
    public enum Granularity implements Named {
        /** One scale (and zero point) per tensor. */
        PER_TENSOR,
        /** One scale (and zero point) per output channel. */
        PER_CHANNEL;

        @Override
        public String yamlName() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    /** How each weight range (per tensor or per channel) is chosen. */
    public enum WeightRange implements Named {
        /** The weights' own minimum and maximum: nothing is clipped. */
        MINMAX,
        /**
         * The range shrunk (to at most 30%) where that lowers the round-trip squared error: clips
         * outliers.
         */
        MSE;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** How activation ranges are found on calibration data. */
    public enum Calibration implements Named {
        /** Observed minimum and maximum. */
        MINMAX,
        /** 99.99th percentile of magnitudes. */
        PERCENTILE,
        /** The range minimizing quantization mean squared error. */
        MSE;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** Post-training or quantization-aware. */
    public enum Mode implements Named {
        /** Post-training quantization. */
        PTQ,
        /** Quantization-aware training. */
        QAT;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** The pass's type: {@code quantize}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.ofRecord(
                            Quantize.class,
                            "quantize",
                            PassType.Role.ENCODE,
                            "quantizes weights (and optionally activations), post-training or"
                                    + " quantization-aware; the file stores the codes",
                            List.of(
                                    ParamDecl.integerOf(
                                            "bits",
                                            8,
                                            Limits.bits(),
                                            BITS_EXPECTED,
                                            "bit width: 1..8 (integer codes; symmetric needs >="
                                                    + " 2), 16 (half float) or 32 (float"
                                                    + " reference)"),
                                    ParamDecl.bool(
                                            "symmetric",
                                            true,
                                            "symmetric (scale only) or asymmetric (scale + zero"
                                                    + " point)"),
                                    ParamDecl.choice(
                                            "granularity",
                                            Granularity.class,
                                            Granularity.PER_TENSOR,
                                            "one scale per tensor or per output channel"),
                                    ParamDecl.choice(
                                                    "weightRange",
                                                    WeightRange.class,
                                                    WeightRange.MINMAX,
                                                    "weight range fit: minmax (nothing clipped) or"
                                                            + " mse (clips outliers where that"
                                                            + " lowers the quantization error;"
                                                            + " worth most at 4 bits and below)")
                                            .implicitDefault(),
                                    ParamDecl.bool(
                                            "activations",
                                            false,
                                            "also quantize activations (needs calibration)"),
                                    ParamDecl.choice(
                                            "calibration",
                                            Calibration.class,
                                            Calibration.MINMAX,
                                            "activation range calibration"),
                                    ParamDecl.integer(
                                            "calibrationSamples",
                                            512,
                                            Limits.CALIBRATION_SAMPLES,
                                            "a count",
                                            "calibration examples"),
                                    ParamDecl.choice(
                                            "mode",
                                            Mode.class,
                                            Mode.PTQ,
                                            "post-training or quantization-aware training"),
                                    ParamDecl.integer(
                                            "qatEpochs",
                                            1,
                                            Limits.OPTIONAL_EPOCHS,
                                            "a count",
                                            "QAT epochs (mode qat)"),
                                    ParamDecl.decimal(
                                                    "qatLr",
                                                    TRAINING_LR,
                                                    Limits.OPTIONAL_LEARNING_RATE,
                                                    "a learning rate",
                                                    "QAT learning rate > 0; 0 (default) keeps the"
                                                            + " training's (mode qat)")
                                            .expecting(
                                                    "a learning rate > 0 (0 keeps the"
                                                            + " training's)")
                                            .implicitDefault(),
                                    ParamDecl.layerInts(
                                            "overrides",
                                            Limits.bits(),
                                            BITS_EXPECTED,
                                            "per-layer bit widths (mixed precision)")))
                    .withEpochs("qatEpochs")
                    .withRules(Quantize::rules)
                    .withSchemaRules(
                            List.of(
                                    PassSchema.map(
                                            "description",
                                            "mode qat trains: qatEpochs >= 1",
                                            "if",
                                            PassSchema.map(
                                                    "required",
                                                    List.of("mode"),
                                                    "properties",
                                                    PassSchema.map(
                                                            "mode",
                                                            PassSchema.map(
                                                                    "anyOf",
                                                                    List.of(
                                                                            PassSchema.map(
                                                                                    "const", "qat"),
                                                                            PassSchema.map(
                                                                                    "type",
                                                                                    "array",
                                                                                    "contains",
                                                                                    PassSchema.map(
                                                                                            "const",
                                                                                            "qat")))))),
                                            "then",
                                            PassSchema.map(
                                                    "properties",
                                                    PassSchema.map(
                                                            "qatEpochs",
                                                            PassSchema.map(
                                                                    "oneOf",
                                                                    List.of(
                                                                            PassSchema.map(
                                                                                    "type",
                                                                                    "integer",
                                                                                    "minimum", 1),
                                                                            PassSchema.map(
                                                                                    "type",
                                                                                    "array",
                                                                                    "items",
                                                                                    PassSchema.map(
                                                                                            "type",
                                                                                            "integer",
                                                                                            "minimum",
                                                                                            1))))))),
                                    PassSchema.map(
                                            "description",
                                            "symmetric codes need >= 2 bits (1-bit symmetric holds"
                                                    + " only 0); where bits or symmetric is an"
                                                    + " axis, exclude rules decide, so only fixed"
                                                    + " pairs are checked here",
                                            "if",
                                            PassSchema.map(
                                                    "properties",
                                                    PassSchema.map(
                                                            "symmetric",
                                                            PassSchema.map("const", true))),
                                            "then",
                                            PassSchema.map(
                                                    "properties",
                                                    PassSchema.map(
                                                            "bits",
                                                            PassSchema.map(
                                                                    "not",
                                                                    PassSchema.map("const", 1)),
                                                            "overrides",
                                                            PassSchema.map(
                                                                    "additionalProperties",
                                                                    PassSchema.map(
                                                                            "not",
                                                                            PassSchema.map(
                                                                                    "const",
                                                                                    1))))))));

    /**
     * 8 bits, symmetric, per tensor, min-max weight ranges, weights only, min-max calibration on
     * 512 samples, ptq, 1 QAT epoch at the training's learning rate, no overrides.
     */
    public static final Quantize DEFAULT = (Quantize) TYPE.defaults();

    /** Checks every value and override against its declaration, then the rules between them. */
    public Quantize {
        overrides = Collections.unmodifiableSortedMap(new TreeMap<>(overrides));
        TYPE.check(
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
                overrides);
    }

    @SuppressWarnings("unchecked")
    private static List<Problem> rules(Map<String, Object> v) {
        Param<Integer> bits = (Param<Integer>) v.get("bits");
        Param<Boolean> symmetric = (Param<Boolean>) v.get("symmetric");
        Param<Mode> mode = (Param<Mode>) v.get("mode");
        Param<Integer> qatEpochs = (Param<Integer>) v.get("qatEpochs");
        Map<String, Integer> overrides = (Map<String, Integer>) v.get("overrides");
        List<Problem> problems = new ArrayList<>();
        if (mode.values().contains(Mode.QAT) && qatEpochs.values().contains(0)) {
            problems.add(
                    Problem.at(
                            "qatEpochs",
                            "found 0 with mode qat, expected qatEpochs "
                                    + Limits.EPOCHS.describe()
                                    + " for quantization-aware training"));
        }
        if (!symmetric.isAxis() && symmetric.value()) {
            // with symmetric an axis, Sweep checks which trials pair it with too few bits (exclude
            // rules may drop them)
            if (!bits.isAxis() && !Limits.isBits(bits.value(), true)) {
                problems.add(
                        Problem.at(
                                "bits",
                                "found "
                                        + bits.value()
                                        + " with symmetric true, expected "
                                        + Limits.symmetricBitsText()));
            }
            overrides.forEach(
                    (layer, b) -> {
                        if (!Limits.isBits(b, true)) {
                            problems.add(
                                    Problem.at(
                                            Paths.join("overrides", layer),
                                            "found "
                                                    + b
                                                    + " with symmetric true, expected "
                                                    + Limits.symmetricBitsText()));
                        }
                    });
        }
        return problems;
    }

    /** A quantization pass whose QAT (if any) keeps the training's learning rate. */
    public Quantize(
            Param<Integer> bits,
            Param<Boolean> symmetric,
            Param<Granularity> granularity,
            Param<WeightRange> weightRange,
            Param<Boolean> activations,
            Param<Calibration> calibration,
            Param<Integer> calibrationSamples,
            Param<Mode> mode,
            Param<Integer> qatEpochs,
            Map<String, Integer> overrides) {
        this(
                bits,
                symmetric,
                granularity,
                weightRange,
                activations,
                calibration,
                calibrationSamples,
                mode,
                qatEpochs,
                Param.of(TRAINING_LR),
                overrides);
    }

    /** Whether {@code bits} is a supported width: {@link Limits#isBits(int)}, 1..8, 16 or 32. */
    public static boolean isValidBits(int bits) {
        return Limits.isBits(bits);
    }

    @Override
    public PassType type() {
        return TYPE;
    }

    @Override
    public Quantize with(Map<String, Param<?>> replacements) {
        return (Quantize) Pass.super.with(replacements);
    }

    /** Whether any value of this pass trains (QAT). */
    @Override
    public boolean mayTrain() {
        return mode.values().contains(Mode.QAT);
    }

    @Override
    public Map<String, Object> effectiveParams() {
        if (bits.value() == REFERENCE_BITS && overrides.isEmpty()) {
            var identity = new LinkedHashMap<String, Object>();
            identity.put("bits", REFERENCE_BITS);
            return identity;
        }
        Map<String, Object> m = Passes.fixedValues(this);
        if (!hasIntegerLayer()) {
            m.remove("weightRange"); // 16 bits is fp16, 32 the float reference: no integer grid to
            // fit
        }
        if (!activations.value()) {
            m.remove("calibration");
            m.remove("calibrationSamples");
        }
        if (mode.value() == Mode.PTQ) {
            m.remove("qatEpochs");
        }
        if (mode.value() == Mode.PTQ || qatLr.value() == TRAINING_LR) {
            m.remove("qatLr"); // no training, or the training's learning rate
        }
        if (!overrides.isEmpty()) {
            m.put("overrides", overrides);
        }
        return m;
    }

    /** Whether some layer gets integer weights (1..8 bits) for this fixed pass. */
    private boolean hasIntegerLayer() {
        return Limits.isIntegerBits(bits.value())
                || overrides.values().stream().anyMatch(Limits::isIntegerBits);
    }

    @Override
    public int trainingEpochs() {
        return mode.value() == Mode.QAT && bits.value() != REFERENCE_BITS ? qatEpochs.value() : 0;
    }
}
