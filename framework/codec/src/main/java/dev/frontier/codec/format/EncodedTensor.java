package dev.frontier.codec.format;

/**
 * One tensor as stored: its record (header and quantization parameters), index and value bytes, the
 * tensor a reader will return, and the size breakdown.
 */
record EncodedTensor(
        byte[] record, byte[] index, byte[] values, NamedTensor tensor, TensorSize size) {}
