package dev.frontier.codec.format;

import java.util.Arrays;

/** A growable byte buffer with little-endian writes. */
final class LittleEndianOutput {

    private byte[] buffer = new byte[256];
    private int size;

    LittleEndianOutput u8(int v) {
        ensure(1);
        buffer[size++] = (byte) v;
        return this;
    }

    LittleEndianOutput u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    LittleEndianOutput u32(long v) {
        return u16((int) v & 0xFFFF).u16((int) (v >>> 16) & 0xFFFF);
    }

    LittleEndianOutput u64(long v) {
        return u32(v & 0xFFFFFFFFL).u32(v >>> 32);
    }

    LittleEndianOutput f32(float v) {
        return u32(Float.floatToRawIntBits(v) & 0xFFFFFFFFL);
    }

    LittleEndianOutput bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buffer, size, b.length);
        size += b.length;
        return this;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(size + extra, buffer.length * 2));
        }
    }
}
