package dev.frontier.codec.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads little-endian values from one region of bytes (the file header, or one stream of the tensor
 * section), turning every short read or bad value into a {@link CorruptModelFileException} that
 * names the offset and the current tensor.
 */
final class ByteCursor {

    private final byte[] bytes;
    private final int limit;
    private final String source;
    private final String regionName;
    private final boolean decompressed;
    private final long storedAt;
    private int position;
    private String tensorName;

    /**
     * A cursor over {@code bytes[start, limit)} called {@code regionName} in messages. When {@code
     * decompressed}, offsets are inside the decompressed bytes of a stream stored at file offset
     * {@code storedAt}; otherwise they are file offsets.
     */
    ByteCursor(
            byte[] bytes,
            int start,
            int limit,
            String source,
            String regionName,
            boolean decompressed,
            long storedAt) {
        this.bytes = bytes;
        this.position = start;
        this.limit = limit;
        this.source = source;
        this.regionName = regionName;
        this.decompressed = decompressed;
        this.storedAt = storedAt;
    }

    String source() {
        return source;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    byte[] array() {
        return bytes;
    }

    void tensor(String name) {
        this.tensorName = name;
    }

    CorruptModelFileException corrupt(long at, String problem) {
        return new CorruptModelFileException(source, at, describe(at), tensorName, problem);
    }

    /**
     * Where offset {@code at} is, in words: a file offset, or an offset in a decompressed stream.
     */
    String describe(long at) {
        return decompressed
                ? "offset "
                        + at
                        + " of the decompressed "
                        + regionName
                        + " (stored zstd-coded at file offset "
                        + storedAt
                        + ")"
                : "file offset " + at;
    }

    void require(long n, String what) throws CorruptModelFileException {
        if (n < 0 || n > remaining()) {
            throw corrupt(
                    position,
                    "truncated or corrupt: "
                            + what
                            + " needs "
                            + n
                            + " bytes but only "
                            + remaining()
                            + " remain in the "
                            + regionName);
        }
    }

    int u8(String what) throws CorruptModelFileException {
        require(1, what);
        return bytes[position++] & 0xFF;
    }

    int u16(String what) throws CorruptModelFileException {
        require(2, what);
        int v = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8;
        position += 2;
        return v;
    }

    long u32(String what) throws CorruptModelFileException {
        require(4, what);
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (bytes[position + i] & 0xFF);
        }
        position += 4;
        return v;
    }

    long u64(String what) throws CorruptModelFileException {
        require(8, what);
        long lo = u32(what);
        long hi = u32(what);
        return (hi << 32) | lo;
    }

    byte[] bytes(long n, String what) throws CorruptModelFileException {
        require(n, what);
        byte[] out = new byte[(int) n];
        System.arraycopy(bytes, position, out, 0, (int) n);
        position += (int) n;
        return out;
    }

    String utf8(long n, String what) throws CorruptModelFileException {
        int at = position;
        byte[] raw = bytes(n, what);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(at, what + " is not valid UTF-8");
        }
    }

    void skip(long n, String what) throws CorruptModelFileException {
        require(n, what);
        position += (int) n;
    }
}
