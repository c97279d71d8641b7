/**
 * The Frontier model file format ({@code .frnt}, specified in {@code framework/codec/FORMAT.md}):
 * named tensors stored as fp32, fp16 or packed n-bit integer codes with scales and zero points,
 * optionally through a sparse position encoding, with optional entropy coding of the tensor section
 * (zstd, or per integer tensor where smaller, the context-modelled range coder of {@link
 * dev.frontier.codec.entropy.ContextCoder}) and CRC32 checks.
 *
 * <p>{@link dev.frontier.codec.format.ModelFileWriter} writes atomically and returns a {@link
 * dev.frontier.codec.format.SizeReport}; {@link dev.frontier.codec.format.ModelFileReader} returns
 * float tensors identical to {@link dev.frontier.codec.format.TensorEncoding#fakeQuantize} for the
 * same settings, and reports damaged files with the offset and tensor name.
 */
package dev.frontier.codec.format;
