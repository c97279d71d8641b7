package dev.frontier.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The on-disk cache of a sweep's run directory: one folder per finished stage under
 * {@code stages/<key>/} and one result file per finished trial repeat under {@code trials/}. A stage is
 * written into a temporary folder and renamed into place when complete, so a crash (even
 * {@code kill -9}) leaves either the whole stage or nothing.
 */
public final class StageStore {
    private final Path root;

    /** A store rooted at the run directory {@code root}; leftovers of crashed runs are removed. */
    public StageStore(Path root) {
        this(root, true);
    }

    /**
     * A store rooted at {@code root}; {@code owner} stores (the executor) remove temporary leftovers of
     * crashed runs, worker stores must not (other workers may be writing).
     */
    public StageStore(Path root, boolean owner) {
        this.root = root.toAbsolutePath();
        try {
            Files.createDirectories(this.root.resolve("stages"));
            Files.createDirectories(this.root.resolve("trials"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + root, e);
        }
        if (owner) {
            cleanTemporary();
        }
    }

    public Path root() {
        return root;
    }

    /** The folder of a finished stage. */
    public Path stage(String key) {
        return root.resolve("stages").resolve(key);
    }

    /** True when the stage finished in this or an earlier run. */
    public boolean has(String key) {
        return Files.isRegularFile(stage(key).resolve("stage.yaml"));
    }

    /** A fresh temporary folder to build a stage in. */
    public Path begin(String key) throws IOException {
        return Files.createDirectories(root.resolve("stages").resolve(".tmp-" + key + "-" + UUID.randomUUID()));
    }

    /** Moves a completed temporary folder into place (atomic rename). */
    public void commit(String key, Path tmp) throws IOException {
        Path target = stage(key);
        if (Files.exists(target)) {
            deleteTree(tmp); // another run finished it first
            return;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target);
        }
    }

    /** The result file of a trial repeat. */
    public Path trialResult(String trialId, int repeat) {
        return root.resolve("trials").resolve(trialId + "-r" + repeat + ".yaml");
    }


    private void cleanTemporary() {
        for (Path dir : new Path[] {root.resolve("stages"), root.resolve("trials")}) {
            try (Stream<Path> s = Files.list(dir)) {
                // temporary stage folders (".tmp-<key>-...") and atomic-write leftovers (".<name>.<uuid>.tmp")
                s.filter(p -> p.getFileName().toString().startsWith(".tmp-")
                        || p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp"))
                        .forEach(StageStore::deleteTreeQuietly);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void deleteTreeQuietly(Path p) {
        try {
            deleteTree(p);
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
