package dev.frontier.codec.entropy;

/**
 * One adaptive frequency table per context over symbols {@code 0..alphabet-1}: every symbol starts
 * at frequency 1, a coded symbol gains {@link #INCREMENT}, and a table whose total passes its limit
 * is halved (no frequency drops to 0).
 */
final class AdaptiveFrequencies {

    static final int INCREMENT = 24;

    private final int alphabet;
    private final int[] frequencies;
    private final int[] totals;
    private final int limit;

    AdaptiveFrequencies(int contexts, int alphabet, int limit) {
        if (limit + INCREMENT > RangeEncoder.MAX_TOTAL || alphabet > limit) {
            throw new IllegalArgumentException(
                    "limit " + limit + " for " + alphabet + " symbols outside the coder's range");
        }
        this.alphabet = alphabet;
        this.frequencies = new int[contexts * alphabet];
        this.totals = new int[contexts];
        this.limit = limit;
        java.util.Arrays.fill(frequencies, 1);
        java.util.Arrays.fill(totals, alphabet);
    }

    void encode(RangeEncoder out, int c, int symbol) {
        int base = c * alphabet;
        int cumulative = 0;
        for (int s = 0; s < symbol; s++) {
            cumulative += frequencies[base + s];
        }
        out.encode(cumulative, frequencies[base + symbol], totals[c]);
        update(c, symbol);
    }

    int decode(RangeDecoder in, int c) {
        int base = c * alphabet;
        int target = in.target(totals[c]);
        int cumulative = 0;
        int symbol = 0;
        while (cumulative + frequencies[base + symbol] <= target) {
            cumulative += frequencies[base + symbol];
            symbol++;
        }
        in.consume(cumulative, frequencies[base + symbol]);
        update(c, symbol);
        return symbol;
    }

    private void update(int c, int symbol) {
        int base = c * alphabet;
        frequencies[base + symbol] += INCREMENT;
        totals[c] += INCREMENT;
        if (totals[c] > limit) {
            int total = 0;
            for (int s = 0; s < alphabet; s++) {
                frequencies[base + s] = (frequencies[base + s] + 1) >>> 1;
                total += frequencies[base + s];
            }
            totals[c] = total;
        }
    }
}
