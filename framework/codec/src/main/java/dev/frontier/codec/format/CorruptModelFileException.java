package dev.frontier.codec.format;

import java.io.IOException;
import java.util.Optional;

/**
 * A Frontier model file is damaged, truncated or not a Frontier file; the message says what is
 * wrong, at which offset, and in which tensor when one is being read.
 */
public final class CorruptModelFileException extends IOException {

    private final String source;
    private final long offset;
    private final String tensorName;

    /** Creates the exception; {@code where} describes the offset (file or decompressed section). */
    public CorruptModelFileException(
            String source, long offset, String where, String tensorName, String problem) {
        super(
                "corrupt Frontier model file "
                        + source
                        + " at "
                        + where
                        + (tensorName == null ? "" : " (tensor '" + tensorName + "')")
                        + ": "
                        + problem);
        this.source = source;
        this.offset = offset;
        this.tensorName = tensorName;
    }

    /** The file (or other source) that was being read. */
    public String source() {
        return source;
    }

    /**
     * Offset of the problem: in the file, or in the decompressed tensor section when zstd coded.
     */
    public long offset() {
        return offset;
    }

    /** The tensor being read when the problem was found, if any. */
    public Optional<String> tensorName() {
        return Optional.ofNullable(tensorName);
    }
}
