package dev.frontier.tracking.file;

import dev.frontier.tracking.TrackingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file's content through a temporary file and a rename, so readers never see half a
 * file. The temporary file lives in a directory MLflow does not read (the run's own folder, not
 * {@code metrics/}) and its name, {@code .tmp-<pid>-<uuid>}, says which process wrote it, so a
 * leftover can be recognised and removed.
 */
final class AtomicWrite {

    private static final Pattern TEMP =
            Pattern.compile("\\.(?:.*\\.)?tmp-(?:(\\d+)-)?[0-9a-f\\-]{32,36}");

    private final FileOutput output;

    AtomicWrite(FileOutput output) {
        this.output = output;
    }

    /** Returns a fresh temporary name for this process. */
    static String tempName() {
        return ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    /**
     * Returns true if {@code name} is a temporary file or folder of a store writer (this version's
     * or an older one's).
     */
    static boolean isTemp(String name) {
        return TEMP.matcher(name).matches();
    }

    /** Returns the pid that wrote a temporary file, if its name carries one. */
    static OptionalLong tempOwner(String name) {
        Matcher m = TEMP.matcher(name);
        return m.matches() && m.group(1) != null
                ? OptionalLong.of(Long.parseLong(m.group(1)))
                : OptionalLong.empty();
    }

    void text(Path target, String content, Path tmpDir) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        write(target, tmpDir, out -> out.write(bytes));
    }

    void copy(Path source, Path target, Path tmpDir) {
        if (!Files.isRegularFile(source)) {
            throw new TrackingException(
                    "MLflow file store: artifact source " + source + " is not a readable file");
        }
        write(
                target,
                tmpDir,
                out -> {
                    try (InputStream in = Files.newInputStream(source)) {
                        in.transferTo(out);
                    }
                });
    }

    /** Writes {@code bytes} zero bytes to a new file (not through a rename: nothing reads it). */
    void fill(Path file, int bytes) {
        try (OutputStream out = output.open(file)) {
            out.write(new byte[bytes]);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort: the leftover is named as one
            }
            throw new TrackingException(
                    "MLflow file store: cannot write " + file + ": " + reason(e), e);
        }
    }

    private interface Content {
        void into(OutputStream out) throws IOException;
    }

    private void write(Path target, Path tmpDir, Content content) {
        Path tmp = tmpDir.resolve(tempName());
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream out = output.open(tmp)) {
                content.into(out);
            }
            move(tmp, target);
        } catch (IOException e) {
            throw new TrackingException(
                    "MLflow file store: cannot write " + target + ": " + reason(e), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover is named as one and `frontier sync` removes it
            }
        }
    }

    /**
     * Renames {@code from} to {@code to}, atomically where the file system can, replacing a file at
     * {@code to}.
     */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The exception's message, or its type when it has none (e.g. "No space left on device"). */
    static String reason(IOException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof java.nio.file.FileSystemException
                ? e.getClass().getSimpleName() + ": " + m
                : m;
    }
}
