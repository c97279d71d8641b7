/**
 * Min-max calibration of activation ranges on ONNX Runtime, so the QDQ export can be used without a
 * separate quantization pass.
 */
package dev.frontier.onnx.calibrate;
