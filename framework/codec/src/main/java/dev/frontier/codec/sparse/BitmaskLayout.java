package dev.frontier.codec.sparse;

import dev.frontier.codec.pack.BitPacker;
import java.util.Arrays;

/**
 * Stored positions marked by one bit per element (little-endian bit order, {@code ceil(n/8)}
 * bytes).
 */
public record BitmaskLayout(int length, int[] positions) implements SparseLayout {

    /** Validates that positions are strictly ascending and inside {@code [0, length)}. */
    public BitmaskLayout {
        positions = positions.clone();
        SparseLayouts.requireAscending(positions, length);
    }

    /** Bytes a bitmask over {@code length} elements takes. */
    public static int encodedLength(int length) {
        return (int) BitPacker.packedLength(length, 1);
    }

    /**
     * Reads a bitmask over {@code length} elements at {@code offset}.
     *
     * @throws IllegalArgumentException if the bytes end early or padding bits are set
     */
    public static BitmaskLayout decode(int length, byte[] bytes, int offset) {
        int size = encodedLength(length);
        if (offset < 0 || (long) offset + size > bytes.length) {
            throw new IllegalArgumentException(
                    "bitmask over "
                            + length
                            + " elements needs "
                            + size
                            + " bytes, only "
                            + Math.max(0, bytes.length - offset)
                            + " left");
        }
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += Integer.bitCount(bytes[offset + i] & 0xFF);
        }
        int[] positions = new int[count];
        int k = 0;
        for (int i = 0; i < size * 8; i++) {
            if ((bytes[offset + (i >>> 3)] & (1 << (i & 7))) != 0) {
                if (i >= length) {
                    throw new IllegalArgumentException(
                            "bitmask padding bit "
                                    + i
                                    + " is set (tensor has "
                                    + length
                                    + " elements)");
                }
                positions[k++] = i;
            }
        }
        return new BitmaskLayout(length, positions);
    }

    @Override
    public int[] positions() {
        return positions.clone();
    }

    @Override
    public LayoutKind kind() {
        return LayoutKind.BITMASK;
    }

    @Override
    public int[] storedPositions() {
        return positions.clone();
    }

    @Override
    public int storedCount() {
        return positions.length;
    }

    @Override
    public byte[] indexBytes() {
        byte[] mask = new byte[encodedLength(length)];
        for (int p : positions) {
            mask[p >>> 3] |= (byte) (1 << (p & 7));
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitmaskLayout b
                && length == b.length
                && Arrays.equals(positions, b.positions);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
        return "BitmaskLayout[length=" + length + ", stored=" + positions.length + "]";
    }
}
