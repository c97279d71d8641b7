package dev.frontier.compress.quant;

import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.train.TrainingReport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link QuantizePass} produced: the storage encoding of each layer's weights (for {@link
 * dev.frontier.compress.ModelPacker}), the parameters of each quantized layer's input (empty for
 * weights-only; for QDQ export: as calibrated, or after QAT with min-max calibration the ranges as
 * training left them), the kernel precision a runtime should use ({@code int8}, {@code fp16} or
 * {@code fp32}) and the QAT fine-tuning report, if any.
 */
public record QuantizeResult(
        Map<String, TensorEncoding> encodings,
        Map<String, QuantParams> activations,
        String kernelPrecision,
        Optional<TrainingReport> training) {

    /** The kernel precision hints. */
    public static final Set<String> PRECISIONS = Set.of("int8", "fp16", "fp32");

    public QuantizeResult {
        encodings = Collections.unmodifiableMap(new LinkedHashMap<>(encodings));
        activations = Collections.unmodifiableMap(new LinkedHashMap<>(activations));
        Objects.requireNonNull(training, "training");
        if (!PRECISIONS.contains(kernelPrecision)) {
            throw new IllegalArgumentException(
                    "kernelPrecision must be one of " + PRECISIONS + ", got " + kernelPrecision);
        }
        for (String layer : activations.keySet()) {
            if (!encodings.containsKey(layer)) {
                throw new IllegalArgumentException(
                        "activation parameters for layer "
                                + layer
                                + " which has no weight encoding; layers are "
                                + encodings.keySet());
            }
        }
    }

    /** Whether layer inputs are quantized too (not weights only). */
    public boolean quantizesActivations() {
        return !activations.isEmpty();
    }
}
