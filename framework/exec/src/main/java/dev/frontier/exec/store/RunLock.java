package dev.frontier.exec.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One writer per run folder: an operating-system lock on {@code .frontier.lock}, which also holds
 * the owner's pid, host and start time for the message a second process prints. The kernel drops
 * the lock when its owner dies (even by {@code kill -9}), so a lock left by a dead process is taken
 * over; the file is never deleted (deleting a locked file would let two processes lock two
 * different files).
 */
public final class RunLock implements AutoCloseable {
    static final String NAME = ".frontier.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final Optional<String> previousOwner;

    private RunLock(FileChannel channel, FileLock lock, Optional<String> previousOwner) {
        this.channel = channel;
        this.lock = lock;
        this.previousOwner = previousOwner;
    }

    /**
     * Locks {@code runDir} for this process.
     *
     * @throws RunFolderBusyException when a live process (this one included) holds it
     */
    static RunLock acquire(Path runDir) throws IOException {
        FileChannel ch =
                FileChannel.open(
                        runDir.resolve(NAME),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM already runs a sweep into the folder
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        String owner = read(ch);
        if (lock == null) {
            ch.close();
            throw new RunFolderBusyException(runDir, owner);
        }
        try {
            ch.truncate(0);
            String host = hostName();
            ch.write(
                    ByteBuffer.wrap(
                            ("pid "
                                            + ProcessHandle.current().pid()
                                            + " on "
                                            + host
                                            + " since "
                                            + Instant.now()
                                            + "\n")
                                    .getBytes(StandardCharsets.UTF_8)),
                    0);
            ch.force(true);
        } catch (IOException e) {
            lock.release();
            ch.close();
            throw e;
        }
        return new RunLock(ch, lock, owner.isBlank() ? Optional.empty() : Optional.of(owner));
    }

    /**
     * The owner recorded by a process that died holding the lock (its lock was taken over), if any.
     */
    Optional<String> previousOwner() {
        return previousOwner;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0); // an empty file: released cleanly
        } finally {
            lock.release();
            channel.close();
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n = ch.read(buf, 0);
        return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).strip();
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}
