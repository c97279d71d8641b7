package dev.frontier.codec.quant;

import java.util.Objects;

/**
 * Uniform affine quantizer of weight tensors at 1..8 bits, symmetric or asymmetric, per-tensor or
 * per-channel; ranges come from the tensor's own min and max (widened to include 0).
 */
public record Quantizer(int bits, boolean symmetric, Granularity granularity) {

  /** Validates the bit-width for the chosen symmetry. */
  public Quantizer {
    Objects.requireNonNull(granularity, "granularity");
    QuantParams.checkBits(bits, symmetric);
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
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = s * perSet; i < (s + 1) * perSet; i++) {
        min = Math.min(min, values[i]);
        max = Math.max(max, values[i]);
      }
      params[s] = QuantParams.fromRange(min, max, bits, symmetric);
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

  /** {@code dequantize(quantize(values, shape))}: what a model sees when quantization is simulated. */
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
      throw new IllegalStateException("per-channel quantization needs the tensor shape: call fakeQuantize(values, shape)");
    }
    return fakeQuantize(values, new int[] {values.length});
  }
}
