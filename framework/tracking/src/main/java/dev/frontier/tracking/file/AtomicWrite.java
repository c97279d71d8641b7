package dev.frontier.tracking.file;

import dev.frontier.tracking.TrackingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** Replaces a file's content through a temporary sibling, so readers never see half a file. */
final class AtomicWrite {

  private AtomicWrite() {}

  static void text(Path target, String content) {
    write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
  }

  static void copy(Path source, Path target) {
    if (!Files.isRegularFile(source)) {
      throw new TrackingException("MLflow file store: artifact source " + source + " is not a readable file");
    }
    write(target, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
  }

  private interface Writer {
    void into(Path tmp) throws IOException;
  }

  private static void write(Path target, Writer writer) {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(target.getParent());
      writer.into(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new TrackingException("MLflow file store: cannot write " + target + ": " + e, e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort: a stray temp file is harmless and hidden
      }
    }
  }
}
