package dev.frontier.codec.entropy;

/**
 * Decodes what {@link RangeEncoder} wrote, given the same sequence of probabilities and frequency
 * tables. Reading past the end, an interval no encoder uses, and unread bytes at {@link #finish()}
 * are reported as {@link CorruptCodeStreamException}.
 */
public final class RangeDecoder {

    private static final long MASK32 = 0xFFFF_FFFFL;

    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;
    private long range = MASK32;
    private long code;
    private long step;

    /**
     * A decoder over {@code bytes[offset, offset + length)}.
     *
     * @throws CorruptCodeStreamException if fewer than the four initial bytes are there
     */
    public RangeDecoder(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > bytes.length) {
            throw new IllegalArgumentException(
                    "region [" + offset + ", +" + length + ") outside " + bytes.length + " bytes");
        }
        this.bytes = bytes;
        this.position = offset;
        this.start = offset;
        this.end = offset + length;
        for (int i = 0; i < 4; i++) {
            code = (code << 8) | next();
        }
    }

    /** Decodes a binary symbol whose probability of being 0 is {@code p0 / 65536}. */
    public int decodeBit(int p0) {
        long bound = (range >>> RangeEncoder.PROBABILITY_BITS) * p0;
        int bit;
        if (code < bound) {
            range = bound;
            bit = 0;
        } else {
            code -= bound;
            range -= bound;
            bit = 1;
        }
        normalize();
        return bit;
    }

    /**
     * The cumulative frequency the next symbol's interval contains, out of {@code total}; follow
     * with {@link #consume} for the symbol found there.
     *
     * @throws CorruptCodeStreamException if the stream points outside every symbol
     */
    public int target(int total) {
        step = range / total;
        long value = code / step;
        if (value >= total) {
            throw new CorruptCodeStreamException(
                    "corrupt range-coded stream: value outside the frequency table before byte "
                            + position);
        }
        return (int) value;
    }

    /**
     * Removes the symbol at {@code [cumulative, cumulative + frequency)} found by {@link #target}.
     */
    public void consume(int cumulative, int frequency) {
        code -= step * cumulative;
        range = step * frequency;
        normalize();
    }

    /**
     * Checks that every byte was read.
     *
     * @throws CorruptCodeStreamException if bytes remain
     */
    public void finish() {
        if (position != end) {
            throw new CorruptCodeStreamException(
                    "corrupt range-coded stream: "
                            + (end - position)
                            + " unread bytes after the last symbol");
        }
    }

    private void normalize() {
        while (range < RangeEncoder.TOP) {
            range <<= 8;
            code = ((code << 8) | next()) & MASK32;
        }
    }

    private int next() {
        if (position >= end) {
            throw new CorruptCodeStreamException(
                    "truncated range-coded stream: needs more than its "
                            + (end - start)
                            + " bytes");
        }
        return bytes[position++] & 0xFF;
    }
}
