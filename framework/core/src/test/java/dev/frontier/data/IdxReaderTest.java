package dev.frontier.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir Path dir;

    static byte[] images(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count * rows * cols; i++) {
            b.put((byte) (i % 251));
        }
        return b.array();
    }

    static byte[] labels(int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(0x00000801).putInt(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void readImages_readsRawAndGzipAlike() throws IOException {
        byte[] raw = images(3, 4, 5);
        Path a = Files.write(dir.resolve("a-idx3-ubyte"), raw);
        Path b = Files.write(dir.resolve("a-idx3-ubyte.gz"), gzip(raw));
        IdxReader.Images ra = IdxReader.readImages(a);
        IdxReader.Images rb = IdxReader.readImages(b);
        assertEquals(3, ra.count());
        assertEquals(4, ra.rows());
        assertEquals(5, ra.cols());
        assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), ra.pixels());
        assertArrayEquals(ra.pixels(), rb.pixels());
    }

    @Test
    void readLabels_returnsUnsignedValues() throws IOException {
        Path p = Files.write(dir.resolve("l"), labels(0, 9, 200));
        assertArrayEquals(new int[] {0, 9, 200}, IdxReader.readLabels(p));
    }

    @Test
    void wrongMagic_isReportedWithExpectedValue() throws IOException {
        Path p = Files.write(dir.resolve("labels-as-images"), labels(1, 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(p));
        assertTrue(
                e.getMessage().contains("wrong magic number 0x00000801, expected 0x00000803"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }

    @Test
    void truncatedImages_sayHowManyBytesWereExpected() throws IOException {
        byte[] raw = images(3, 4, 5);
        Path p = Files.write(dir.resolve("t"), Arrays.copyOf(raw, raw.length - 7));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(p));
        assertTrue(
                e.getMessage()
                        .contains(
                                "truncated: header announces 3 images of 4x5 (76 bytes) but the file has 69"),
                e.getMessage());
    }

    @Test
    void truncatedGzip_isAClearError() throws IOException {
        byte[] gz = gzip(images(50, 10, 10));
        Path p = Files.write(dir.resolve("t.gz"), Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("truncated gzip stream"), e.getMessage());
    }

    @Test
    void headerOnlyFile_isTruncated() throws IOException {
        Path p = Files.write(dir.resolve("h"), new byte[] {0, 0, 8, 3, 0, 0});
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("truncated: 6 bytes, header needs 16"), e.getMessage());
    }

    @Test
    void trailingBytes_areRejected() throws IOException {
        byte[] raw = labels(1, 2, 3);
        Path p = Files.write(dir.resolve("x"), Arrays.copyOf(raw, raw.length + 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(p));
        assertTrue(
                e.getMessage().contains("2 unexpected trailing bytes after 3 labels"),
                e.getMessage());
    }
}
