package dev.frontier.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** SHA-256 checks of dataset files against their descriptor entries. */
public final class Checksums {
    private Checksums() {}

    /** Outcome of checking one file. */
    public enum Status {
        VERIFIED,
        UNVERIFIABLE
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** Hex SHA-256 of a file's bytes as stored. */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Whether {@code file} (whose uncompressed content is {@code content}) is the file {@code
     * entry} describes: by the uncompressed SHA-256 when the entry has it, else by the gzip SHA-256
     * for a gzip file (by its magic bytes); empty when the entry gives no checksum this file can be
     * compared with (a raw file, only a gzip checksum known).
     */
    public static Optional<Boolean> matches(
            Path file, byte[] content, DatasetDescriptor.FileEntry entry) {
        if (entry.sha256().isPresent()) {
            return Optional.of(entry.sha256().get().equalsIgnoreCase(sha256(content)));
        }
        if (isGzip(file)) {
            return Optional.of(entry.gzSha256().orElseThrow().equalsIgnoreCase(sha256(file)));
        }
        return Optional.empty();
    }

    /**
     * Checks {@code file}, the {@code role} file of dataset {@code d} whose uncompressed content is
     * {@code content}, against its descriptor entry.
     *
     * @throws DataException on a mismatch: names the dataset the file belongs to when it is another
     *     known dataset's file, else says expected vs found and how to replace it
     */
    public static Status verify(
            DatasetDescriptor d, DatasetDescriptor.Role role, Path file, byte[] content) {
        DatasetDescriptor.FileEntry entry = d.file(role);
        Optional<Boolean> ok = matches(file, content, entry);
        if (ok.isEmpty()) {
            return Status.UNVERIFIABLE;
        }
        if (ok.get()) {
            return Status.VERIFIED;
        }
        Optional<String> other =
                DatasetCatalog.identify(role, file, content).filter(n -> !n.equals(d.name()));
        if (other.isPresent()) {
            throw new DataException(wrongDataset(d.name(), other.get(), role, file));
        }
        boolean uncompressed = entry.sha256().isPresent();
        String expected = uncompressed ? entry.sha256().get() : entry.gzSha256().orElseThrow();
        String found = uncompressed ? sha256(content) : sha256(file);
        throw new DataException(
                file
                        + ": checksum mismatch (SHA-256 of the "
                        + (uncompressed ? "uncompressed content" : "gzip file")
                        + "): expected "
                        + expected
                        + ", found "
                        + found
                        + ". The file is corrupt or not "
                        + d.name()
                        + "'s published "
                        + role.key()
                        + " file; delete it and run './frontier data fetch "
                        + d.name()
                        + "'.");
    }

    /**
     * The message for {@code file}, a valid file of dataset {@code holds}, read as dataset {@code
     * wanted}'s.
     */
    static String wrongDataset(
            String wanted, String holds, DatasetDescriptor.Role role, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        return file
                + " is "
                + holds
                + "'s "
                + role.key()
                + " file (its checksum is "
                + holds
                + "'s), not "
                + wanted
                + "'s: the two datasets use the same file names. Keep it (it is valid for "
                + holds
                + "). For "
                + wanted
                + ", point --data-dir at a folder holding "
                + wanted
                + "'s files (or run './frontier data fetch "
                + wanted
                + "'); to use the files in "
                + dir
                + ", choose dataset "
                + holds
                + ".";
    }

    /**
     * Whether the file starts with the gzip magic (a download's temporary name has no {@code .gz}).
     */
    private static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
