package dev.frontier.codec.pack;

/**
 * Packs arrays of unsigned codes of a fixed width (1..16 bits) into bytes and unpacks them, with
 * little-endian bit order.
 */
public final class BitPacker {

    /** Smallest supported code width in bits. */
    public static final int MIN_WIDTH = 1;

    /** Largest supported code width in bits. */
    public static final int MAX_WIDTH = 16;

    private BitPacker() {}

    /**
     * Number of bytes {@code count} codes of {@code width} bits occupy when packed.
     *
     * @throws IllegalArgumentException if the width is out of range or the count negative
     */
    public static long packedLength(long count, int width) {
        checkWidth(width);
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        return (count * width + 7) / 8;
    }

    /**
     * Packs every code into {@code width} bits.
     *
     * @throws IllegalArgumentException if a code does not fit in {@code width} unsigned bits
     */
    public static byte[] pack(int[] codes, int width) {
        BitWriter writer = new BitWriter(width, codes.length);
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code < 0 || code >>> width != 0) {
                throw new IllegalArgumentException(
                        "code "
                                + code
                                + " at index "
                                + i
                                + " does not fit in "
                                + width
                                + " unsigned bits");
            }
            writer.write(code);
        }
        return writer.toByteArray();
    }

    /**
     * Unpacks {@code count} codes of {@code width} bits starting at {@code offset} in {@code
     * bytes}.
     *
     * @throws IllegalArgumentException if the bytes end before {@code count} codes were read
     */
    public static int[] unpack(byte[] bytes, int offset, int count, int width) {
        long needed = packedLength(count, width);
        if (offset < 0 || offset + needed > bytes.length) {
            throw new IllegalArgumentException(
                    "need "
                            + needed
                            + " bytes for "
                            + count
                            + " codes of "
                            + width
                            + " bits at offset "
                            + offset
                            + ", but only "
                            + Math.max(0, bytes.length - offset)
                            + " are available");
        }
        BitReader reader = new BitReader(bytes, offset, width);
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = reader.read();
        }
        return codes;
    }

    static void checkWidth(int width) {
        if (width < MIN_WIDTH || width > MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "code width must be " + MIN_WIDTH + ".." + MAX_WIDTH + " bits, got " + width);
        }
    }
}
