/**
 * Latency and throughput measurement of {@link dev.frontier.onnx.runtime.InferenceRuntime}s
 * (p50/p95 at batch 1, images per second at batch 64, median of interleaved repeats) and the {@code
 * bench runtime} entry point comparing fp32, int8, structurally pruned and PyTorch runs.
 */
package dev.frontier.onnx.bench;
