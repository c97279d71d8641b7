package dev.frontier.tracking.file;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FileOutput} that behaves like a disk with {@code capacity} free bytes: the write that
 * crosses it is cut short.
 */
public final class FullDisk implements FileOutput {

    private final AtomicLong free;

    /**
     * Creates the disk.
     *
     * @param capacity bytes that can be written before "No space left on device"
     */
    public FullDisk(long capacity) {
        this.free = new AtomicLong(capacity);
    }

    /** Bytes still free. */
    public long free() {
        return free.get();
    }

    @Override
    public OutputStream open(java.nio.file.Path file) throws IOException {
        OutputStream disk =
                Files.newOutputStream(
                        file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilterOutputStream(disk) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                long before = free.getAndUpdate(f -> Math.max(0, f - len));
                if (before < len) {
                    out.write(
                            b,
                            off,
                            (int) before); // half the bytes reach the disk, as on a real full disk
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
            }
        };
    }
}
