package dev.frontier.codec.quant;

import java.util.Objects;

/**
 * Uniform affine quantizer of weight tensors at 1..8 bits, symmetric or asymmetric, per-tensor or
 * per-channel; each parameter set's range comes from its values by the {@link RangeFit} (min-max,
 * or the MSE-optimal clipping of outliers), widened to include 0.
 */
public record Quantizer(int bits, boolean symmetric, Granularity granularity, RangeFit fit) {

    /** Validates the bit-width for the chosen symmetry. */
    public Quantizer {
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(fit, "fit");
        QuantParams.checkBits(bits, symmetric);
    }

    /** A min-max quantizer. */
    public Quantizer(int bits, boolean symmetric, Granularity granularity) {
        this(bits, symmetric, granularity, RangeFit.MIN_MAX);
    }

    /** This quantizer with another range fit. */
    public Quantizer withFit(RangeFit f) {
        return new Quantizer(bits, symmetric, granularity, f);
    }

    /** A per-tensor quantizer. */
    public static Quantizer perTensor(int bits, boolean symmetric) {
        return new Quantizer(bits, symmetric, Granularity.PER_TENSOR);
    }

    /** A per-channel quantizer (channel = dimension 0). */
    public static Quantizer perChannel(int bits, boolean symmetric) {
        return new Quantizer(bits, symmetric, Granularity.PER_CHANNEL);
    }

    /**
     * Parameters for each parameter set of {@code values} (one, or one per channel).
     *
     * @throws IllegalArgumentException on a shape mismatch or a non-finite value
     */
    public QuantParams[] calibrate(float[] values, int[] shape) {
        Shapes.requireMatches(values, shape);
        Shapes.requireFinite(values, "tensor");
        int sets = Shapes.parameterCount(shape, granularity);
        int perSet = values.length / sets;
        QuantParams[] params = new QuantParams[sets];
        for (int s = 0; s < sets; s++) {
            params[s] = fit.fit(values, s * perSet, (s + 1) * perSet, bits, symmetric);
        }
        return params;
    }

    /** Quantizes {@code values} of the given shape. */
    public QuantizedTensor quantize(float[] values, int[] shape) {
        QuantParams[] params = calibrate(values, shape);
        int perSet = values.length / params.length;
        int[] codes = new int[values.length];
        float[] scales = new float[params.length];
        int[] zeroPoints = new int[params.length];
        for (int s = 0; s < params.length; s++) {
            scales[s] = params[s].scale();
            zeroPoints[s] = params[s].zeroPoint();
            for (int i = s * perSet; i < (s + 1) * perSet; i++) {
                codes[i] = params[s].quantize(values[i]);
            }
        }
        return new QuantizedTensor(codes, scales, zeroPoints, bits, shape, granularity, symmetric);
    }

    /** Real values of a quantized tensor; same as {@link QuantizedTensor#dequantize()}. */
    public static float[] dequantize(QuantizedTensor tensor) {
        return tensor.dequantize();
    }

    /**
     * {@code dequantize(quantize(values, shape))}: what a model sees when quantization is
     * simulated.
     */
    public float[] fakeQuantize(float[] values, int[] shape) {
        return quantize(values, shape).dequantize();
    }

    /**
     * Fake-quantizes a flat array with per-tensor parameters.
     *
     * @throws IllegalStateException for a per-channel quantizer, which needs a shape
     */
    public float[] fakeQuantize(float[] values) {
        if (granularity == Granularity.PER_CHANNEL) {
            throw new IllegalStateException(
                    "per-channel quantization needs the tensor shape: call fakeQuantize(values, shape)");
        }
        return fakeQuantize(values, new int[] {values.length});
    }
}
