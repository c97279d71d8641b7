package dev.frontier.codec.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitPackerTest {

    @Test
    void pack_roundTripsEveryWidth() {
        Random random = new Random(42);
        int[] counts = {0, 1, 2, 7, 8, 9, 15, 16, 17, 63, 1000, 4099};
        for (int width = 1; width <= 16; width++) {
            for (int count : counts) {
                int[] codes = new int[count];
                for (int i = 0; i < count; i++) {
                    codes[i] = random.nextInt(1 << width);
                }
                byte[] packed = BitPacker.pack(codes, width);
                assertEquals(
                        (count * width + 7) / 8,
                        packed.length,
                        "width " + width + " count " + count);
                assertArrayEquals(
                        codes,
                        BitPacker.unpack(packed, 0, count, width),
                        "width " + width + " count " + count);
            }
        }
    }

    @Test
    void pack_roundTripsExtremeCodesOfEveryWidth() {
        for (int width = 1; width <= 16; width++) {
            int max = (1 << width) - 1;
            int[] codes = {max, 0, max, max, 0, 1, max - 1 < 0 ? 0 : max - 1, max};
            assertArrayEquals(
                    codes, BitPacker.unpack(BitPacker.pack(codes, width), 0, codes.length, width));
        }
    }

    @Test
    void pack_usesLittleEndianBitOrder() {
        // 3-bit codes 1, 2, 3: bits 001 | 010 << 3 | 011 << 6, the top bit of 3 spilling into byte
        // 1
        assertArrayEquals(new byte[] {(byte) 0xD1, 0x00}, BitPacker.pack(new int[] {1, 2, 3}, 3));
        assertArrayEquals(new byte[] {(byte) 0xD1, 0x01}, BitPacker.pack(new int[] {1, 2, 7}, 3));
        // 12-bit code 0xABC then 0x123: bytes BC, 3A, 12
        assertArrayEquals(
                new byte[] {(byte) 0xBC, 0x3A, 0x12}, BitPacker.pack(new int[] {0xABC, 0x123}, 12));
    }

    @Test
    void unpack_readsFromAnOffset() {
        byte[] packed = BitPacker.pack(new int[] {5, 9, 13}, 4);
        byte[] withPrefix = new byte[packed.length + 3];
        System.arraycopy(packed, 0, withPrefix, 3, packed.length);
        assertArrayEquals(new int[] {5, 9, 13}, BitPacker.unpack(withPrefix, 3, 3, 4));
    }

    @Test
    void pack_rejectsCodeWiderThanWidth() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> BitPacker.pack(new int[] {3, 8}, 3));
        assertTrue(e.getMessage().contains("code 8 at index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BitPacker.pack(new int[] {-1}, 16));
    }

    @Test
    void pack_rejectsWidthsOutsideOneToSixteen() {
        assertThrows(IllegalArgumentException.class, () -> BitPacker.pack(new int[] {0}, 0));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> BitPacker.pack(new int[] {0}, 17));
        assertTrue(e.getMessage().contains("1..16"), e.getMessage());
    }

    @Test
    void unpack_rejectsTooFewBytes() {
        byte[] packed = BitPacker.pack(new int[] {1, 2, 3, 4, 5}, 5);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> BitPacker.unpack(packed, 1, 5, 5));
        assertTrue(e.getMessage().contains("need 4 bytes"), e.getMessage());
    }

    @Test
    void bitReader_refusesToReadPastTheEnd() {
        BitReader reader = new BitReader(new byte[] {(byte) 0xFF}, 0, 5);
        assertEquals(31, reader.read());
        assertThrows(IllegalStateException.class, reader::read);
    }

    @Test
    void bitWriter_countsCodesAndPadsTheLastByteWithZeros() {
        BitWriter writer = new BitWriter(7, 0);
        writer.write(127);
        writer.write(1);
        assertEquals(2, writer.codeCount());
        assertArrayEquals(new byte[] {(byte) 0xFF, 0x00}, writer.toByteArray());
    }
}
