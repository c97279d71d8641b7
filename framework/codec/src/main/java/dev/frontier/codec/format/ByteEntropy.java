package dev.frontier.codec.format;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Order-0 Shannon estimates of how small a byte-oriented entropy coder (zstd's Huffman stage) can
 * make some bytes, and the grouping of consecutive parts into separately coded frames that those
 * estimates favour: parts with different symbol statistics (4-bit and 8-bit codes, say) cost less
 * in frames of their own, each with its own Huffman table.
 */
final class ByteEntropy {

    /** Rough cost of starting another zstd frame: frame and block headers plus a Huffman table. */
    static final double FRAME_OVERHEAD_BITS = 8 * 40;

    private ByteEntropy() {}

    /** Estimated coded size in bits: the empirical byte entropy times the length. */
    static double bits(byte[] bytes) {
        return bits(histogram(bytes));
    }

    /**
     * Groups consecutive non-empty parts greedily: a part joins the current group unless coding it
     * apart, frame overhead included, is estimated to be smaller. Returns the groups' concatenated
     * bytes.
     */
    static List<byte[]> frames(List<byte[]> parts) {
        List<byte[]> frames = new ArrayList<>();
        long[] current = new long[256];
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            if (part.length == 0) {
                continue;
            }
            long[] own = histogram(part);
            long[] joined = current.clone();
            for (int i = 0; i < 256; i++) {
                joined[i] += own[i];
            }
            if (group.size() > 0
                    && bits(joined) > bits(current) + bits(own) + FRAME_OVERHEAD_BITS) {
                frames.add(group.toByteArray());
                group.reset();
                joined = own;
            }
            group.writeBytes(part);
            current = joined;
        }
        if (group.size() > 0 || frames.isEmpty()) {
            frames.add(group.toByteArray());
        }
        return frames;
    }

    private static long[] histogram(byte[] bytes) {
        long[] counts = new long[256];
        for (byte b : bytes) {
            counts[b & 0xFF]++;
        }
        return counts;
    }

    /**
     * Empirical order-0 entropy in bits of symbols occurring {@code counts[i]} times each, times
     * their number.
     */
    static double bits(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        double bits = 0;
        for (long c : counts) {
            if (c > 0) {
                bits -= c * (Math.log((double) c / total) / Math.log(2));
            }
        }
        return bits;
    }
}
