/**
 * Sparse position encodings for tensors with many zeros: a bitmask (one bit per element) or
 * Deep-Compression-style relative indices (gaps in k-bit fields, with filler entries when a gap
 * overflows), chosen per tensor by {@link dev.frontier.codec.sparse.SparseLayouts#cheapest}
 * together with plain dense storage, whichever takes the fewest bits.
 *
 * <p>A layout only says which element positions have a stored value ("slots"); the values
 * themselves are written by the file format in slot order, at whatever precision the tensor uses.
 */
package dev.frontier.codec.sparse;
