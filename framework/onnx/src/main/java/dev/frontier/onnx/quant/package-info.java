/**
 * Quantization settings handed to the QDQ exporter: per-layer weight bit-width/symmetry/granularity
 * (quantized by the codec's {@link dev.frontier.codec.quant.Quantizer}) and calibrated 8-bit
 * activation scale/zero-point.
 */
package dev.frontier.onnx.quant;
