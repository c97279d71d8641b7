package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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

    /**
     * 8 bits, symmetric, per tensor, min-max weight ranges, weights only, min-max calibration on
     * 512 samples, ptq, 1 QAT epoch at the training's learning rate, no overrides.
     */
    public static final Quantize DEFAULT =
            new Quantize(
                    Param.of(8),
                    Param.of(true),
                    Param.of(Granularity.PER_TENSOR),
                    Param.of(WeightRange.MINMAX),
                    Param.of(false),
                    Param.of(Calibration.MINMAX),
                    Param.of(512),
                    Param.of(Mode.PTQ),
                    Param.of(1),
                    Map.of());

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

    /** Checks every value of every parameter and override. */
    public Quantize {
        Objects.requireNonNull(bits, "bits");
        Objects.requireNonNull(symmetric, "symmetric");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(weightRange, "weightRange");
        Objects.requireNonNull(activations, "activations");
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(calibrationSamples, "calibrationSamples");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(qatEpochs, "qatEpochs");
        Objects.requireNonNull(qatLr, "qatLr");
        overrides = Collections.unmodifiableSortedMap(new TreeMap<>(overrides));
        Checks checks =
                new Checks()
                        .param("bits", bits, Quantize::isValidBits, BITS_EXPECTED)
                        .param(
                                "calibrationSamples",
                                calibrationSamples,
                                Limits.CALIBRATION_SAMPLES,
                                "a count")
                        .param("qatEpochs", qatEpochs, Limits.OPTIONAL_EPOCHS, "a count")
                        .param(
                                "qatLr",
                                qatLr,
                                v -> Limits.OPTIONAL_LEARNING_RATE.contains(v),
                                "a learning rate > 0 (0 keeps the training's)")
                        .require(
                                !(mode.values().contains(Mode.QAT)
                                        && qatEpochs.values().contains(0)),
                                "qatEpochs",
                                "found 0 with mode qat, expected qatEpochs "
                                        + Limits.EPOCHS.describe()
                                        + " for quantization-aware training");
        overrides.forEach(
                (layer, b) ->
                        checks.value(
                                Paths.join("overrides", layer),
                                b,
                                Quantize::isValidBits,
                                BITS_EXPECTED));
        if (!symmetric.isAxis() && symmetric.value()) {
            // with symmetric an axis, Sweep checks which trials pair it with too few bits (exclude
            // rules may drop them)
            if (!bits.isAxis()
                    && Limits.isBits(bits.value())
                    && !Limits.isBits(bits.value(), true)) {
                checks.require(
                        false,
                        "bits",
                        "found "
                                + bits.value()
                                + " with symmetric true, expected "
                                + Limits.symmetricBitsText());
            }
            overrides.forEach(
                    (layer, b) ->
                            checks.require(
                                    !Limits.isBits(b) || Limits.isBits(b, true),
                                    Paths.join("overrides", layer),
                                    "found "
                                            + b
                                            + " with symmetric true, expected "
                                            + Limits.symmetricBitsText()));
        }
        checks.done();
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

    /** Whether any value of this pass trains (QAT). */
    public boolean mayTrain() {
        return mode.values().contains(Mode.QAT);
    }

    @Override
    public Kind kind() {
        return Kind.QUANTIZE;
    }

    @Override
    public Map<String, Param<?>> params() {
        var m = new LinkedHashMap<String, Param<?>>();
        m.put("bits", bits);
        m.put("symmetric", symmetric);
        m.put("granularity", granularity);
        m.put("weightRange", weightRange);
        m.put("activations", activations);
        m.put("calibration", calibration);
        m.put("calibrationSamples", calibrationSamples);
        m.put("mode", mode);
        m.put("qatEpochs", qatEpochs);
        m.put("qatLr", qatLr);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("overrides", overrides);
    }

    @Override
    public Quantize with(Map<String, Param<?>> r) {
        Passes.checkKeys(this, r);
        return new Quantize(
                Passes.pick(r, "bits", bits),
                Passes.pick(r, "symmetric", symmetric),
                Passes.pick(r, "granularity", granularity),
                Passes.pick(r, "weightRange", weightRange),
                Passes.pick(r, "activations", activations),
                Passes.pick(r, "calibration", calibration),
                Passes.pick(r, "calibrationSamples", calibrationSamples),
                Passes.pick(r, "mode", mode),
                Passes.pick(r, "qatEpochs", qatEpochs),
                Passes.pick(r, "qatLr", qatLr),
                overrides);
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

    /**
     * weightRange and qatLr came after the first specs were hashed: minmax and the training's
     * learning rate, what they all mean, are implicit.
     */
    @Override
    public Map<String, Object> implicitDefaults() {
        return Map.of("weightRange", WeightRange.MINMAX, "qatLr", TRAINING_LR);
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
