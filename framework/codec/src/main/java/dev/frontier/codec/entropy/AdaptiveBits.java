package dev.frontier.codec.entropy;

/**
 * One adaptive binary model per context: counts of zeros and ones (in steps of {@link #INCREMENT},
 * starting from a prior), halved whenever their sum passes a limit so that the model keeps
 * following drifting statistics.
 */
final class AdaptiveBits {

    static final int INCREMENT = 32;
    private static final int MIN_P = 32;
    private static final int MAX_P = (1 << RangeEncoder.PROBABILITY_BITS) - MIN_P;

    private final int[] zeros;
    private final int[] ones;
    private final int limit;

    /**
     * {@code contexts} models whose counts are halved when they sum past {@code limit}
     * observations.
     *
     * @param priorOne probability of a one (0..65536) each context starts from
     * @param priorWeight the prior's weight in observations
     */
    AdaptiveBits(int contexts, int limit, int[] priorOne, int priorWeight) {
        this.zeros = new int[contexts];
        this.ones = new int[contexts];
        this.limit = limit * INCREMENT;
        for (int c = 0; c < contexts; c++) {
            long weight = (long) priorWeight * INCREMENT;
            ones[c] = (int) Math.max(1, weight * priorOne[c] >> RangeEncoder.PROBABILITY_BITS);
            zeros[c] = (int) Math.max(1, weight - ones[c]);
        }
    }

    /** Probability of a zero in context {@code c}, in units of 1/65536, never 0 or 1. */
    int p0(int c) {
        long z = zeros[c];
        int p = (int) ((z << RangeEncoder.PROBABILITY_BITS) / (z + ones[c]));
        return Math.max(MIN_P, Math.min(MAX_P, p));
    }

    void update(int c, int bit) {
        if (bit == 0) {
            zeros[c] += INCREMENT;
        } else {
            ones[c] += INCREMENT;
        }
        if (zeros[c] + ones[c] > limit) {
            zeros[c] = (zeros[c] + 1) >>> 1;
            ones[c] = (ones[c] + 1) >>> 1;
        }
    }

    void encode(RangeEncoder out, int c, int bit) {
        out.encodeBit(bit, p0(c));
        update(c, bit);
    }

    int decode(RangeDecoder in, int c) {
        int bit = in.decodeBit(p0(c));
        update(c, bit);
        return bit;
    }
}
