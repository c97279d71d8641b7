/**
 * Export of zoo models (DJL blocks) to ONNX {@code ModelProto}s built with the {@code OnnxMl}
 * protobuf classes: fp32 with BatchNorm folded into the preceding convolution or linear layer, or
 * QDQ int8 (QuantizeLinear/DequantizeLinear around weights and activations) from a {@link
 * dev.frontier.onnx.quant.QuantPlan}.
 */
package dev.frontier.onnx.export;
