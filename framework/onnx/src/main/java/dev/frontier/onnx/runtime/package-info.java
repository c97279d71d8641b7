/**
 * Runtimes that execute a model for measurement: ONNX Runtime through DJL's OnnxRuntime engine
 * (fp32 or QDQ int8 graphs) and DJL's PyTorch engine (fp32), behind one {@link
 * dev.frontier.onnx.runtime.InferenceRuntime} interface, plus a check of which kernels ONNX Runtime
 * really runs.
 */
package dev.frontier.onnx.runtime;
