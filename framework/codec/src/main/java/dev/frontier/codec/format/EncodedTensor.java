package dev.frontier.codec.format;

/**
 * One tensor as stored: its record (header and quantization parameters) for the file version it
 * goes into, its index and value bytes (for a context-coded tensor, no index and the coded bytes as
 * values), the tensor a reader will return, and the size breakdown.
 */
record EncodedTensor(
        byte[] record,
        byte[] index,
        byte[] values,
        boolean contextCoded,
        NamedTensor tensor,
        TensorSize size) {}
