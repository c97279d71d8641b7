package dev.frontier.codec.sparse;

import dev.frontier.codec.pack.BitPacker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Deep-Compression-style relative indices: entry {@code i} stores the gap {@code g} (in {@code
 * indexBits} bits) so that its position is the previous entry's position + g + 1 (the first entry
 * counts from -1). A gap larger than {@code 2^k - 1} is bridged by filler entries of gap {@code 2^k
 * - 1} whose stored value is the tensor's own zero at that position.
 *
 * <p>Encoded as: {@code u8 indexBits, u32 entryCount (little-endian), packed gaps}.
 */
public record RelativeIndexLayout(int length, int indexBits, int[] gaps) implements SparseLayout {

    /** Bytes before the packed gaps: the width byte and the entry count. */
    public static final int HEADER_BYTES = 5;

    /** Validates the width and that every entry lands inside {@code [0, length)}. */
    public RelativeIndexLayout {
        if (indexBits < 1 || indexBits > BitPacker.MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "relative index width must be 1.."
                            + BitPacker.MAX_WIDTH
                            + " bits, got "
                            + indexBits);
        }
        gaps = gaps.clone();
        long position = -1;
        for (int i = 0; i < gaps.length; i++) {
            if (gaps[i] < 0 || gaps[i] >>> indexBits != 0) {
                throw new IllegalArgumentException(
                        "gap "
                                + gaps[i]
                                + " of entry "
                                + i
                                + " does not fit in "
                                + indexBits
                                + " bits");
            }
            position += gaps[i] + 1L;
            if (position >= length) {
                throw new IllegalArgumentException(
                        "relative index entry "
                                + i
                                + " points to position "
                                + position
                                + " past the tensor's "
                                + length
                                + " elements");
            }
        }
    }

    /**
     * Encodes ascending {@code positions} with {@code indexBits}-bit gaps, inserting fillers as
     * needed.
     */
    public static RelativeIndexLayout encode(int[] positions, int length, int indexBits) {
        SparseLayouts.requireAscending(positions, length);
        int[] gaps = new int[Math.toIntExact(entryCount(positions, indexBits))];
        int maxGap = (1 << indexBits) - 1;
        int previous = -1;
        int k = 0;
        for (int p : positions) {
            int gap = p - previous - 1;
            while (gap > maxGap) {
                gaps[k++] = maxGap;
                previous += maxGap + 1;
                gap = p - previous - 1;
            }
            gaps[k++] = gap;
            previous = p;
        }
        return new RelativeIndexLayout(length, indexBits, gaps);
    }

    /**
     * Number of entries (real plus filler) that {@code positions} need at {@code indexBits} bits.
     */
    public static long entryCount(int[] positions, int indexBits) {
        long entries = 0;
        int previous = -1;
        for (int p : positions) {
            entries += ((long) (p - previous - 1) >>> indexBits) + 1;
            previous = p;
        }
        return entries;
    }

    /** Bytes the encoding of {@code entries} gaps of {@code indexBits} bits takes. */
    public static long encodedLength(long entries, int indexBits) {
        return HEADER_BYTES + BitPacker.packedLength(entries, indexBits);
    }

    /**
     * Reads a relative index over {@code length} elements at {@code offset}.
     *
     * @throws IllegalArgumentException if the bytes end early or an entry points past the tensor
     */
    public static RelativeIndexLayout decode(int length, byte[] bytes, int offset) {
        if (offset < 0 || (long) offset + HEADER_BYTES > bytes.length) {
            throw new IllegalArgumentException(
                    "relative index header needs "
                            + HEADER_BYTES
                            + " bytes, only "
                            + Math.max(0, bytes.length - offset)
                            + " left");
        }
        ByteBuffer header =
                ByteBuffer.wrap(bytes, offset, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int indexBits = header.get() & 0xFF;
        long entries = header.getInt() & 0xFFFFFFFFL;
        if (indexBits < 1 || indexBits > BitPacker.MAX_WIDTH) {
            throw new IllegalArgumentException(
                    "relative index width " + indexBits + " is not 1.." + BitPacker.MAX_WIDTH);
        }
        if (entries > length) {
            throw new IllegalArgumentException(
                    "relative index claims " + entries + " entries for " + length + " elements");
        }
        int[] gaps = BitPacker.unpack(bytes, offset + HEADER_BYTES, (int) entries, indexBits);
        return new RelativeIndexLayout(length, indexBits, gaps);
    }

    @Override
    public int[] gaps() {
        return gaps.clone();
    }

    @Override
    public LayoutKind kind() {
        return LayoutKind.RELATIVE_INDEX;
    }

    @Override
    public int[] storedPositions() {
        int[] positions = new int[gaps.length];
        int position = -1;
        for (int i = 0; i < gaps.length; i++) {
            position += gaps[i] + 1;
            positions[i] = position;
        }
        return positions;
    }

    @Override
    public int storedCount() {
        return gaps.length;
    }

    @Override
    public byte[] indexBytes() {
        byte[] packed = BitPacker.pack(gaps, indexBits);
        ByteBuffer out =
                ByteBuffer.allocate(HEADER_BYTES + packed.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) indexBits).putInt(gaps.length).put(packed);
        return out.array();
    }

    @Override
    public long totalBits(int valueBits) {
        return encodedLength(gaps.length, indexBits) * 8 + (long) gaps.length * valueBits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelativeIndexLayout r
                && length == r.length
                && indexBits == r.indexBits
                && Arrays.equals(gaps, r.gaps);
    }

    @Override
    public int hashCode() {
        return (31 * length + indexBits) * 31 + Arrays.hashCode(gaps);
    }

    @Override
    public String toString() {
        return "RelativeIndexLayout[length="
                + length
                + ", indexBits="
                + indexBits
                + ", entries="
                + gaps.length
                + "]";
    }
}
