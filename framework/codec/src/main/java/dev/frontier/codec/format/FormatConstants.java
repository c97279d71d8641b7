package dev.frontier.codec.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Numbers fixed by FORMAT.md. */
final class FormatConstants {

    static final String MAGIC_TEXT = "FRNT";

    /** Files without context-coded tensors; still written when no tensor is context-coded. */
    static final int VERSION_1 = 1;

    /** Adds the coded stream and a coding byte in every tensor record. */
    static final int VERSION_2 = 2;

    /**
     * Adds shared tensors (precision 3: a codebook and indices); written only when a tensor is
     * shared, so files without one stay readable by version 2 readers.
     */
    static final int VERSION = 3;

    static final int FLAG_ZSTD = 1;
    static final int KNOWN_FLAGS = FLAG_ZSTD;
    static final int ZSTD_LEVEL = 19;
    static final List<String> STREAM_NAMES =
            List.of("records stream", "index stream", "values stream");

    static final String CODED_STREAM_NAME = "coded stream";

    /** Tensor coding: layout index and values in the index and values streams. */
    static final int CODING_STREAMS = 0;

    /** Tensor coding: mask and codes range-coded with context models, in the coded stream. */
    static final int CODING_CONTEXT = 1;

    static final int PRECISION_FP32 = 0;
    static final int PRECISION_FP16 = 1;
    static final int PRECISION_INT = 2;
    static final int PRECISION_SHARED = 3;

    static final int TENSOR_SYMMETRIC = 1;
    static final int TENSOR_PER_CHANNEL = 2;
    static final int TENSOR_SPARSE = 4;

    /** Shared tensors only: the codebook entries are fp16 (else fp32). */
    static final int TENSOR_HALF_CODEBOOK = 8;

    static final int KNOWN_TENSOR_FLAGS =
            TENSOR_SYMMETRIC | TENSOR_PER_CHANNEL | TENSOR_SPARSE | TENSOR_HALF_CODEBOOK;

    private FormatConstants() {}

    /** The four magic bytes, a fresh copy each call. */
    static byte[] magic() {
        return MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII);
    }
}
