/**
 * Deployment runtime: ONNX export (fp32 and QDQ int8) of zoo models and their inference on ONNX
 * Runtime.
 */
package dev.frontier.onnx;
