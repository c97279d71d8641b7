package dev.frontier.exec.store;

import dev.frontier.data.Checksums;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checksums of a stage folder's files, {@code checksums.sha256} in the format of {@code
 * sha256sum} (so {@code sha256sum -c checksums.sha256} checks a stage by hand). Written last, just
 * before the folder is renamed into place; a stage is reused only when every listed file is present
 * with its checksum and no file is unlisted.
 */
public final class StageManifest {
    /** The manifest's file name inside a stage folder. */
    static final String NAME = "checksums.sha256";

    private StageManifest() {}

    /** Hashes every regular file of {@code folder} (but the manifest) and writes the manifest. */
    static void write(Path folder) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path f : files(folder)) {
            sb.append(Checksums.sha256(f)).append("  ").append(f.getFileName()).append('\n');
        }
        dev.frontier.analysis.AtomicFiles.writeString(folder.resolve(NAME), sb.toString());
    }

    /** Why {@code folder} cannot be trusted, or empty when every file matches its manifest. */
    static Optional<String> problem(Path folder) {
        Path manifest = folder.resolve(NAME);
        if (!Files.isRegularFile(manifest)) {
            return Optional.of(
                    "no " + NAME + " (written by an older Frontier or not finished); recomputed");
        }
        Map<String, String> expected = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(manifest)) {
                if (line.isBlank()) {
                    continue;
                }
                int sep = line.indexOf("  ");
                if (sep != 64) {
                    return Optional.of(NAME + " is malformed");
                }
                expected.put(line.substring(sep + 2), line.substring(0, sep));
            }
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Path f = folder.resolve(e.getKey());
                if (!Files.isRegularFile(f)) {
                    return Optional.of(e.getKey() + " is missing");
                }
                if (!Checksums.sha256(f).equals(e.getValue())) {
                    return Optional.of(
                            e.getKey()
                                    + " does not match its checksum ("
                                    + Files.size(f)
                                    + " bytes; truncated, "
                                    + "edited or damaged)");
                }
            }
            for (Path f : files(folder)) {
                if (!expected.containsKey(f.getFileName().toString())) {
                    return Optional.of(f.getFileName() + " is not in " + NAME);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals(NAME))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }
}
