package dev.frontier.codec.format;

/** A tensor as read back from a file, with the size breakdown of its stored form. */
record DecodedTensor(NamedTensor tensor, TensorSize size) {}
