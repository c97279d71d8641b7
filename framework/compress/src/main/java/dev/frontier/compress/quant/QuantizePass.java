package dev.frontier.compress.quant;

import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.codec.quant.RangeFit;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.WeightQuantizer;
import dev.frontier.data.DataSplits;
import dev.frontier.data.ImageSet;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.TrainingReport;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Quantizes a trained model, post-training (PTQ) or with quantization-aware fine-tuning (QAT):
 * weights at the settings' bits (per-layer overrides for mixed precision, 16 = fp16, 32 = untouched
 * reference) and, when the settings ask for activations, the input of every integer-quantized layer
 * at 8 bits with ranges calibrated on the first validation images. The model's weights are replaced
 * in place by exactly the values the Frontier file stores; activation quantization is applied when
 * evaluating through {@link #evaluate}.
 *
 * <p>With QAT and activations, the calibrated ranges are where fine-tuning starts. Min-max ranges
 * then follow training, as PyTorch's and TensorFlow's moving-average observers do: each training
 * batch moves every range toward the batch's min and max by an exponential moving average with
 * {@code activationMomentum}, and evaluation passes (validation during fine-tuning included) do not
 * move them. Percentile and MSE ranges keep their calibrated, outlier-clipping values. Either way
 * the result's {@link QuantizeResult#activations()} are the ranges the model was fine-tuned with,
 * which {@link #evaluate} and the ONNX export use.
 *
 * <p>With QAT and MSE-fitted weight ranges ({@link RangeFit#MSE}), training refreshes each
 * channel's MSE clip ratio every {@link WeightQat#MSE_REFIT_STEPS} steps (see {@link WeightQat}),
 * and the final weights are put on the grid of the last training step rather than on a fresh MSE
 * fit, so the model stored is the one training adapted to.
 *
 * @param fineTune QAT's training configuration (epochs of fine-tuning); ignored by PTQ
 * @param activationMomentum QAT's min-max range momentum, in [0, 1] (1 keeps the calibrated ranges;
 *     see {@link ActivationSettings}); ignored by PTQ and by percentile and MSE calibration
 */
public record QuantizePass(
        QuantSettings settings, Method method, TrainConfig fineTune, double activationMomentum) {
    /** Post-training or quantization-aware. */
    public enum Method {
        PTQ,
        QAT
    }

    public QuantizePass {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(fineTune, "fineTune");
        if (settings.activations() && !hasIntegerLayer(settings)) {
            throw new IllegalArgumentException(
                    "activation quantization needs integer weights (1..8 bits) somewhere; "
                            + "bits="
                            + settings.bits()
                            + " with overrides "
                            + settings.overrides()
                            + " has none");
        }
        if (method == Method.QAT && !Limits.EPOCHS.contains(fineTune.epochs())) {
            throw new IllegalArgumentException(
                    "QAT needs at least one fine-tuning epoch, got " + fineTune.epochs());
        }
        ActivationSettings.checkMomentum(activationMomentum);
    }

    /** A pass with the default QAT range momentum ({@link ActivationSettings#DEFAULT_MOMENTUM}). */
    public QuantizePass(QuantSettings settings, Method method, TrainConfig fineTune) {
        this(settings, method, fineTune, ActivationSettings.DEFAULT_MOMENTUM);
    }

    /**
     * This pass with QAT min-max range momentum {@code m} (1 keeps the calibrated ranges fixed).
     */
    public QuantizePass withActivationMomentum(double m) {
        return new QuantizePass(settings, method, fineTune, m);
    }

    /** Post-training quantization. */
    public static QuantizePass ptq(QuantSettings settings) {
        return new QuantizePass(settings, Method.PTQ, TrainConfig.adam(0));
    }

    /** Quantization-aware fine-tuning with {@code fineTune}, then quantization. */
    public static QuantizePass qat(QuantSettings settings, TrainConfig fineTune) {
        return new QuantizePass(settings, Method.QAT, fineTune);
    }

    /**
     * Quantizes {@code model} in place. QAT fine-tunes on {@code data.train()} (validating on
     * {@code data.validation()}); activations are calibrated on {@code data.validation()} (the
     * training set when there is no validation set) and, with QAT and min-max calibration, follow
     * the training batches from there.
     */
    public QuantizeResult apply(FrontierModel model, DataSplits data, TrainingProgress progress) {
        LayerMap layers = LayerMap.of(model.block());
        for (String layer : settings.overrides().keySet()) {
            layers.get(layer);
        }
        Set<String> quantizedInputs = new LinkedHashSet<>();
        if (settings.activations()) {
            for (String l : layers.names()) {
                if (Limits.isIntegerBits(settings.bitsFor(l))) {
                    quantizedInputs.add(l);
                }
            }
        }
        ImageSet calibration = data.validation().size() > 0 ? data.validation() : data.train();
        ActivationSettings act = ActivationSettings.of(settings).withMomentum(activationMomentum);
        Map<String, QuantParams> activationParams = Map.of();
        Optional<TrainingReport> report = Optional.empty();
        WeightQat qat = null;
        if (method == Method.QAT) {
            qat = new WeightQat(settings);
            TrainingLoop loop =
                    new TrainingLoop(fineTune, qat.addTo(TrainingHooks.standard()), progress);
            if (quantizedInputs.isEmpty()) {
                report =
                        Optional.of(
                                loop.train(
                                        model,
                                        data.train(),
                                        data.validation(),
                                        data.mean(),
                                        data.std()));
            } else {
                try (FakeQuantModel staged = FakeQuantModel.of(model)) {
                    staged.quantizeForTraining(
                            staged.calibrate(
                                    calibration, data.mean(), data.std(), act, quantizedInputs),
                            act);
                    report =
                            Optional.of(
                                    loop.train(
                                            staged.model(),
                                            data.train(),
                                            data.validation(),
                                            data.mean(),
                                            data.std()));
                    staged.copyParametersTo(model);
                    // the ranges the weights were trained with (moved by training when they track
                    // it)
                    activationParams = staged.activationParams();
                }
            }
        }
        if (qat != null && settings.weightFit() == RangeFit.MSE) {
            // onto the MSE-clipped grid training used (a fresh MSE fit of the trained weights may
            // clip elsewhere);
            // the encodings below then re-quantize these grid values to themselves
            qat.quantizeWeights(model);
        }
        Map<String, TensorEncoding> encodings = WeightQuantizer.apply(model, settings);
        if (method == Method.PTQ && !quantizedInputs.isEmpty()) {
            // calibrate with the quantized weights in place: the ranges the deployed model will see
            try (FakeQuantModel staged = FakeQuantModel.of(model)) {
                activationParams =
                        staged.calibrate(
                                calibration, data.mean(), data.std(), act, quantizedInputs);
            }
        }
        return new QuantizeResult(encodings, activationParams, kernelPrecision(layers), report);
    }

    /**
     * Accuracy of a model quantized by this pass: weights as they are, inputs of the result's
     * layers fake-quantized with its activation parameters.
     */
    public static Evaluation evaluate(
            FrontierModel quantized,
            QuantizeResult result,
            ImageSet set,
            float mean,
            float std,
            Evaluator evaluator) {
        if (!result.quantizesActivations()) {
            return evaluator.evaluate(quantized, set, mean, std);
        }
        try (FakeQuantModel staged = FakeQuantModel.quantized(quantized, result.activations())) {
            return evaluator.evaluate(staged.model(), set, mean, std);
        }
    }

    /**
     * The precision of the kernels a runtime should use: int8 when every layer's weights are
     * integer and inputs are quantized, fp16 when every layer is half, else fp32 (weights-only
     * integer models are dequantized at load time).
     */
    private String kernelPrecision(LayerMap layers) {
        boolean allInt = true;
        boolean allHalf = true;
        for (String l : layers.names()) {
            int b = settings.bitsFor(l);
            allInt &= Limits.isIntegerBits(b);
            allHalf &= b == Limits.HALF_BITS;
        }
        if (allInt && settings.activations()) {
            return "int8";
        }
        return allHalf ? "fp16" : "fp32";
    }

    private static boolean hasIntegerLayer(QuantSettings s) {
        return Limits.isIntegerBits(s.bits())
                || s.overrides().values().stream().anyMatch(Limits::isIntegerBits);
    }
}
