/**
 * Adaptive context-modelled range coding of sparsity masks and integer codes (specified in {@code
 * framework/codec/FORMAT.md}, "Context-coded tensors"): a carry-propagating 32-bit range coder
 * ({@link dev.frontier.codec.entropy.RangeEncoder}, {@link
 * dev.frontier.codec.entropy.RangeDecoder}), adaptive binary and multi-symbol models with periodic
 * halving of their counts, and {@link dev.frontier.codec.entropy.ContextCoder}, which codes one
 * tensor's mask and codes with contexts from row and column densities, neighbouring positions and
 * the previous code's magnitude.
 */
package dev.frontier.codec.entropy;
