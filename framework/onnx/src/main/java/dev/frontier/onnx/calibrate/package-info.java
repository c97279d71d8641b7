/**
 * Calibration of activation ranges on ONNX Runtime with the codec's calibration methods (min-max,
 * percentile, MSE), so the QDQ export can be used without a separate quantization pass.
 */
package dev.frontier.onnx.calibrate;
