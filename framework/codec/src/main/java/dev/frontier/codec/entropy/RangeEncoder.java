package dev.frontier.codec.entropy;

import java.io.ByteArrayOutputStream;

/**
 * A 32-bit range encoder with carry propagation (the LZMA scheme): the interval's low end is kept
 * in 33 bits, output bytes wait in a cache while a carry could still reach them, and a run of 0xFF
 * bytes is held back as a count. Integer arithmetic only, so every platform writes the same bytes.
 *
 * <p>The leading byte the scheme always writes as 0 is left out (the decoder assumes it), and
 * {@link #finish()} flushes four bytes, so a stream is exactly its normalizations plus four bytes
 * long and a decoder in step reads every byte and no more.
 */
public final class RangeEncoder {

    /** Probabilities of binary symbols are in units of 1/65536. */
    public static final int PROBABILITY_BITS = 16;

    /** Largest total of a frequency table, so that {@code range / total} keeps 8 bits. */
    public static final int MAX_TOTAL = 1 << 16;

    static final long TOP = 1L << 24;
    private static final long MASK32 = 0xFFFF_FFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long low;
    private long range = MASK32;
    private int cache;
    private long cacheSize = 1;
    private boolean leadingByte = true;
    private boolean finished;

    /**
     * Codes a binary symbol whose probability of being 0 is {@code p0 / 65536}.
     *
     * @throws IllegalArgumentException unless {@code 0 < p0 < 65536}
     */
    public void encodeBit(int bit, int p0) {
        if (p0 <= 0 || p0 >= 1 << PROBABILITY_BITS) {
            throw new IllegalArgumentException("probability " + p0 + " outside (0, 65536)");
        }
        long bound = (range >>> PROBABILITY_BITS) * p0;
        if (bit == 0) {
            range = bound;
        } else {
            low += bound;
            range -= bound;
        }
        normalize();
    }

    /**
     * Codes the symbol occupying {@code [cumulative, cumulative + frequency)} of {@code total}.
     *
     * @throws IllegalArgumentException if the frequencies are not a sub-interval of a total of at
     *     most {@link #MAX_TOTAL}
     */
    public void encode(int cumulative, int frequency, int total) {
        if (total <= 0
                || total > MAX_TOTAL
                || frequency <= 0
                || cumulative < 0
                || cumulative + frequency > total) {
            throw new IllegalArgumentException(
                    "bad interval [" + cumulative + ", +" + frequency + ") of " + total);
        }
        long r = range / total;
        low += r * cumulative;
        range = r * frequency;
        normalize();
    }

    /** Flushes the interval's low end and returns the coded bytes; the encoder is then spent. */
    public byte[] finish() {
        if (finished) {
            throw new IllegalStateException("encoder already finished");
        }
        finished = true;
        for (int i = 0; i < 5; i++) {
            shiftLow();
        }
        return out.toByteArray();
    }

    private void normalize() {
        if (finished) {
            throw new IllegalStateException("encoder already finished");
        }
        while (range < TOP) {
            range <<= 8;
            shiftLow();
        }
    }

    private void shiftLow() {
        if (low < 0xFF00_0000L || low > MASK32) {
            int carry = (int) (low >>> 32);
            int pending = cache;
            do {
                emit((pending + carry) & 0xFF);
                pending = 0xFF;
            } while (--cacheSize != 0);
            cache = (int) ((low >>> 24) & 0xFF);
        }
        cacheSize++;
        low = (low & 0x00FF_FFFFL) << 8;
    }

    private void emit(int b) {
        if (leadingByte) {
            // The interval stays inside [0, 1), so no carry ever reaches the first byte: it is 0.
            leadingByte = false;
            if (b != 0) {
                throw new IllegalStateException("range coder carried into its leading byte");
            }
            return;
        }
        out.write(b);
    }
}
