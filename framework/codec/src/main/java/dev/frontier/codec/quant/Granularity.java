package dev.frontier.codec.quant;

/** Whether one set of quantization parameters covers the whole tensor or each output channel. */
public enum Granularity {
    /** One scale and zero point for the whole tensor. */
    PER_TENSOR,
    /** One scale and zero point per slice along dimension 0 (the output channel). */
    PER_CHANNEL
}
