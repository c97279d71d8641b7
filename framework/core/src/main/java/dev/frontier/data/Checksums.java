package dev.frontier.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 checks of dataset files against their descriptor entries. */
public final class Checksums {
    private Checksums() {
    }

    /** Outcome of checking one file. */
    public enum Status { VERIFIED, UNVERIFIABLE }

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
     * Checks {@code file} (whose uncompressed content is {@code content}) against the entry: the
     * uncompressed SHA-256 when the descriptor has it, else the gzip SHA-256 for a gzip file.
     *
     * @throws DataException on a mismatch, saying expected vs found
     */
    public static Status verify(Path file, byte[] content, DatasetDescriptor.FileEntry entry) {
        if (entry.sha256().isPresent()) {
            compare(file, "uncompressed content", entry.sha256().get(), sha256(content));
            return Status.VERIFIED;
        }
        if (file.getFileName().toString().endsWith(".gz")) {
            compare(file, "gzip file", entry.gzSha256().orElseThrow(), sha256(file));
            return Status.VERIFIED;
        }
        return Status.UNVERIFIABLE;
    }

    private static void compare(Path file, String what, String expected, String found) {
        if (!expected.equalsIgnoreCase(found)) {
            throw new DataException(file + ": checksum mismatch (SHA-256 of the " + what + "): expected "
                    + expected + ", found " + found + ". The file is corrupt or not the published one; delete it and "
                    + "run './frontier data fetch <name>'.");
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
