package dev.frontier.onnx.quant;

import java.util.Objects;
import java.util.Optional;

/**
 * One layer's quantization: its weights, and — when calibrated — its input activations. A layer
 * with quantized weights but no activation quantization is exported weight-only (DequantizeLinear
 * into an fp32 kernel); only layers with both run on int8 kernels.
 */
public record LayerQuant(WeightQuant weights, Optional<ActivationQuant> input) {
    public LayerQuant {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(input, "input");
    }

    /** Weights and input activations both quantized. */
    public static LayerQuant of(WeightQuant weights, ActivationQuant input) {
        return new LayerQuant(weights, Optional.of(input));
    }

    /** Weights only. */
    public static LayerQuant weightsOnly(WeightQuant weights) {
        return new LayerQuant(weights, Optional.empty());
    }
}
