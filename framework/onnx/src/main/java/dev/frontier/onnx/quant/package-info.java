/**
 * Quantization settings handed to the QDQ exporter — per-layer weight bit-width/symmetry/granularity and
 * calibrated activation scale/zero-point — plus the integer arithmetic that turns float weights into int8
 * values and a min-max activation calibrator.
 */
package dev.frontier.onnx.quant;
