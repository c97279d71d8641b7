package dev.frontier.codec.pack;

/** Reads fixed-width unsigned codes from a byte array in little-endian bit order. */
public final class BitReader {

    private final byte[] bytes;
    private final int width;
    private long bit;

    /** Creates a reader of {@code width}-bit codes starting at byte {@code offset}. */
    public BitReader(byte[] bytes, int offset, int width) {
        BitPacker.checkWidth(width);
        if (offset < 0 || offset > bytes.length) {
            throw new IllegalArgumentException("offset " + offset + " outside 0.." + bytes.length);
        }
        this.bytes = bytes;
        this.width = width;
        this.bit = (long) offset * 8;
    }

    /**
     * Reads the next code.
     *
     * @throws IllegalStateException if the bytes end inside the code
     */
    public int read() {
        if (bit + width > (long) bytes.length * 8) {
            throw new IllegalStateException(
                    "bit stream ends at byte " + bytes.length + " inside a " + width + "-bit code");
        }
        int value = 0;
        int produced = 0;
        while (produced < width) {
            int byteIndex = (int) (bit >>> 3);
            int bitInByte = (int) (bit & 7);
            int take = Math.min(width - produced, 8 - bitInByte);
            int chunk = ((bytes[byteIndex] & 0xFF) >>> bitInByte) & ((1 << take) - 1);
            value |= chunk << produced;
            produced += take;
            bit += take;
        }
        return value;
    }

    /** Byte offset just past the last bit read (partially read bytes count as consumed). */
    public int byteOffset() {
        return (int) ((bit + 7) >>> 3);
    }
}
