package dev.frontier.codec.pack;

import java.util.Arrays;

/** Appends fixed-width unsigned codes to a growing byte buffer in little-endian bit order. */
public final class BitWriter {

    private final int width;
    private byte[] buffer;
    private long bitLength;

    /**
     * Creates a writer for codes of {@code width} bits, sized for about {@code expectedCodes}
     * codes.
     */
    public BitWriter(int width, int expectedCodes) {
        BitPacker.checkWidth(width);
        this.width = width;
        this.buffer =
                new byte
                        [(int)
                                Math.max(
                                        1,
                                        BitPacker.packedLength(Math.max(0, expectedCodes), width))];
    }

    /** Appends the low {@code width} bits of {@code code}; higher bits must be zero. */
    public void write(int code) {
        if (code >>> width != 0) {
            throw new IllegalArgumentException(
                    "code " + code + " does not fit in " + width + " bits");
        }
        long end = bitLength + width;
        int neededBytes = (int) ((end + 7) >>> 3);
        if (neededBytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(neededBytes, buffer.length * 2));
        }
        long bit = bitLength;
        int remaining = width;
        int value = code;
        while (remaining > 0) {
            int byteIndex = (int) (bit >>> 3);
            int bitInByte = (int) (bit & 7);
            int take = Math.min(remaining, 8 - bitInByte);
            int chunk = value & ((1 << take) - 1);
            buffer[byteIndex] = (byte) (buffer[byteIndex] | (chunk << bitInByte));
            value >>>= take;
            remaining -= take;
            bit += take;
        }
        bitLength = end;
    }

    /** Number of codes written so far. */
    public long codeCount() {
        return bitLength / width;
    }

    /** The packed bytes written so far; the last byte is zero-padded in its high bits. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, (int) ((bitLength + 7) >>> 3));
    }
}
