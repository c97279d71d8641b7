package dev.frontier.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST format), gzipped or raw, and checks them: magic number, dimensions,
 * truncation. Every error names the file and what was found vs expected.
 */
public final class IdxReader {
    /** IDX type code of unsigned bytes. */
    private static final int UBYTE = 0x08;

    private IdxReader() {}

    /** Images in an IDX file of rank 3: count x rows x cols unsigned bytes. */
    public record Images(int count, int rows, int cols, byte[] pixels) {}

    /** Reads the whole file's bytes, decompressing when it starts with the gzip magic. */
    public static byte[] readBytes(Path file) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            boolean gz = b0 == 0x1f && b1 == 0x8b;
            try (InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
                ByteArrayOutputStream out =
                        new ByteArrayOutputStream(gz ? 1 << 20 : (int) Files.size(file));
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (java.io.EOFException e) {
            throw new DataException(
                    file + ": truncated gzip stream (the download or copy was cut off)", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads an image file (IDX magic 0x00000803). */
    public static Images readImages(Path file) {
        return parseImages(readBytes(file), file.toString());
    }

    /** Reads a label file (IDX magic 0x00000801). */
    public static int[] readLabels(Path file) {
        return parseLabels(readBytes(file), file.toString());
    }

    /** Parses image bytes; {@code where} names the source in errors. */
    public static Images parseImages(byte[] bytes, String where) {
        ByteBuffer buf = header(bytes, where, 3);
        int count = buf.getInt();
        int rows = buf.getInt();
        int cols = buf.getInt();
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new DataException(
                    where + ": invalid dimensions " + count + "x" + rows + "x" + cols);
        }
        long expected = 16L + (long) count * rows * cols;
        checkLength(bytes, expected, where, count + " images of " + rows + "x" + cols);
        byte[] px = new byte[count * rows * cols];
        System.arraycopy(bytes, 16, px, 0, px.length);
        return new Images(count, rows, cols, px);
    }

    /** Parses label bytes; {@code where} names the source in errors. */
    public static int[] parseLabels(byte[] bytes, String where) {
        ByteBuffer buf = header(bytes, where, 1);
        int count = buf.getInt();
        if (count < 0) {
            throw new DataException(where + ": invalid label count " + count);
        }
        checkLength(bytes, 8L + count, where, count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[8 + i] & 0xFF;
        }
        return labels;
    }

    private static ByteBuffer header(byte[] bytes, String where, int rank) {
        int expectedMagic = (UBYTE << 8) | rank;
        if (bytes.length < 4) {
            throw new DataException(
                    where + ": truncated: " + bytes.length + " bytes, no IDX header");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // IDX is big-endian, ByteBuffer's default
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new DataException(
                    String.format(
                            "%s: wrong magic number 0x%08x, expected 0x%08x (%s)",
                            where, magic, expectedMagic, rank == 3 ? "IDX images" : "IDX labels"));
        }
        if (bytes.length < 4 + 4 * rank) {
            throw new DataException(
                    where
                            + ": truncated: "
                            + bytes.length
                            + " bytes, header needs "
                            + (4 + 4 * rank));
        }
        return buf;
    }

    private static void checkLength(byte[] bytes, long expected, String where, String what) {
        if (bytes.length < expected) {
            throw new DataException(
                    where
                            + ": truncated: header announces "
                            + what
                            + " ("
                            + expected
                            + " bytes) but the file has "
                            + bytes.length
                            + " bytes");
        }
        if (bytes.length > expected) {
            throw new DataException(
                    where
                            + ": "
                            + (bytes.length - expected)
                            + " unexpected trailing bytes after "
                            + what);
        }
    }
}
