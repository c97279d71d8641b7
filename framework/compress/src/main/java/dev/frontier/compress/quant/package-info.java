/**
 * Quantization beyond weight PTQ: activation fake-quant stages calibrated on a validation subset
 * (min-max, percentile, MSE), quantization-aware training with a straight-through estimator for
 * weights and activations (min-max activation ranges following training by a moving average), and
 * {@link dev.frontier.compress.quant.QuantizePass}, the facade a sweep calls (PTQ or QAT, weights
 * only or weights and activations, mixed precision, fp16, fp32 reference). Accuracy is simulated in
 * DJL; int8 latency belongs to a real int8 runtime, never to fake-quant.
 */
package dev.frontier.compress.quant;
