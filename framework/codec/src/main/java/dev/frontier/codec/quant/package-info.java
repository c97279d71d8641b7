/**
 * Quantizer math on plain float arrays: uniform affine quantization (symmetric or asymmetric,
 * per-tensor or per-channel along dimension 0) at 1 to 8 bits, IEEE half conversion for 16 bits,
 * identity for 32 bits, and streaming range calibration (min-max, percentile, MSE) for activations.
 *
 * <p>Everything here is engine-independent: no DJL types, no native code. Zero is always exactly
 * representable, so pruned weights stay exactly zero after quantization.
 */
package dev.frontier.codec.quant;
