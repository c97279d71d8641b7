package dev.frontier.exec.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The on-disk cache of a sweep's run directory: one folder per finished stage under {@code
 * stages/<key>/} and one result file per finished trial repeat under {@code trials/}. A stage is
 * written into a temporary folder, sealed with the checksums of its files ({@link StageManifest})
 * and renamed into place, so a crash (even {@code kill -9}) leaves either the whole stage or
 * nothing. Nothing cached is believed blindly: a stage or trial record is reused only when its
 * checksums (and, for a record, the files it measured) check out; one that fails is moved aside
 * under {@code corrupt/} (kept for inspection), listed in {@link #recomputed()}, and computed
 * again.
 *
 * <p>The owner store (the sweep's process) holds the folder's {@link RunLock}: one writer per run
 * folder.
 */
public final class StageStore implements AutoCloseable {
    /** A cache entry that failed its check and was moved aside. */
    public record CacheProblem(String entry, String reason, Path movedTo) {
        /** One line for the terminal. */
        public String describe() {
            return entry + ": " + reason + " (moved to " + movedTo + ")";
        }
    }

    /** The checkpoint file of a stage. */
    public static final String CHECKPOINT = "model.ckpt";

    /** The Frontier model file written by quantization stages. */
    public static final String MODEL_FILE = "model.frontier";

    private final Path root;
    private final RunLock lock;
    private final BooleanSupplier mayWrite;
    private final Object writes = new Object();
    private volatile boolean stopped;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private final List<CacheProblem> recomputed = new ArrayList<>();
    private final String session =
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));

    /**
     * The owner's store rooted at the run directory {@code root}: locks it (one writer per run
     * folder) and removes leftovers of crashed runs.
     *
     * @throws RunFolderBusyException when another live process holds the folder
     */
    public static StageStore open(Path root) throws IOException {
        Path abs = root.toAbsolutePath();
        createDirectories(abs);
        RunLock lock = RunLock.acquire(abs);
        StageStore s = new StageStore(abs, lock, () -> true);
        s.cleanTemporary();
        return s;
    }

    /**
     * A worker's view of the owner's run directory: no lock, no cleaning (the owner does both), and
     * nothing committed once {@code mayWrite} turns false (the owner is gone).
     */
    public static StageStore worker(Path root, BooleanSupplier mayWrite) {
        Path abs = root.toAbsolutePath();
        createDirectories(abs);
        return new StageStore(abs, null, mayWrite);
    }

    private StageStore(Path root, RunLock lock, BooleanSupplier mayWrite) {
        this.root = root;
        this.lock = lock;
        this.mayWrite = mayWrite;
    }

    private static void createDirectories(Path root) {
        try {
            Files.createDirectories(root.resolve("stages"));
            Files.createDirectories(root.resolve("trials"));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create run directory " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** The owner of a dead process whose lock this store took over, if any. */
    public Optional<String> tookOverFrom() {
        return lock == null ? Optional.empty() : lock.previousOwner();
    }

    /** The folder of a finished stage. */
    public Path stage(String key) {
        return root.resolve("stages").resolve(key);
    }

    /**
     * True when the stage's folder is in place (finished here or earlier); not verified: see {@link
     * #reusable}.
     */
    public boolean has(String key) {
        return Files.isRegularFile(stage(key).resolve(StageManifest.NAME));
    }

    /**
     * True when the stage finished (in this or an earlier run) and every file matches its checksum.
     * A stage that fails is moved aside and reported in {@link #recomputed()}; the caller computes
     * it again.
     */
    public boolean reusable(String key) {
        if (verified.contains(key)) {
            return true;
        }
        Path folder = stage(key);
        if (!Files.exists(folder)) {
            return false;
        }
        Optional<String> problem = StageManifest.problem(folder);
        if (problem.isEmpty()) {
            verified.add(key);
            return true;
        }
        quarantine(List.of(folder), "stages/" + key, problem.get());
        return false;
    }

    /**
     * The OK record of a trial repeat when it can be reused: it measured the model of the stage
     * {@code stageKey} (the current plan's last stage on the trial's path: a record of another
     * plan, say before the baseline's training changed, is measured again), its checksum matches
     * and every file it measured is unchanged. A record that fails its checks is moved aside (with
     * the trial's folder) and reported.
     */
    public Optional<TrialRecord> reusableTrial(String trialId, int repeat, String stageKey) {
        return reusableTrial(trialId, repeat, stageKey, false);
    }

    /** The fact of a STOPPED record naming the last stage of the path it was stopped on. */
    public static final String STOPPED_BEFORE = "stopped_path_end";

    /**
     * As {@link #reusableTrial(String, int, String)}; with {@code stopped}, a STOPPED record of the
     * same path (its {@link #STOPPED_BEFORE} fact is {@code stageKey}) whose inputs are unchanged
     * is reused too, so a resumed sweep that stops trials early does not run them again.
     */
    public Optional<TrialRecord> reusableTrial(
            String trialId, int repeat, String stageKey, boolean stopped) {
        Path file = trialResult(trialId, repeat);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Path folder = trialDir(trialId, repeat);
        String entry = "trials/" + file.getFileName();
        TrialRecord rec;
        try {
            rec = TrialRecord.read(file);
        } catch (CorruptCacheException e) {
            quarantine(List.of(file, folder), entry, e.reason());
            return Optional.empty();
        }
        boolean samePath =
                rec.ok()
                        ? rec.inputs()
                                .containsKey("stages/" + stageKey + "/" + StageStore.CHECKPOINT)
                        : stopped
                                && rec.stopped()
                                && stageKey.equals(rec.facts().get(STOPPED_BEFORE));
        if (!samePath) {
            return Optional
                    .empty(); // failed trials are tried again; a record of another plan is replaced
        }
        Optional<String> problem = rec.inputProblem(root);
        if (problem.isPresent()) {
            quarantine(List.of(file, folder), entry, problem.get());
            return Optional.empty();
        }
        return Optional.of(rec);
    }

    /** Cache entries that failed their check in this run and were moved aside. */
    public List<CacheProblem> recomputed() {
        synchronized (recomputed) {
            return List.copyOf(recomputed);
        }
    }

    /** A fresh temporary folder to build a stage in. */
    public Path begin(String key) throws IOException {
        return Files.createDirectories(
                root.resolve("stages").resolve(".tmp-" + key + "-" + UUID.randomUUID()));
    }

    /**
     * Deletes the temporary folder of a stage that failed (nothing half-written stays in the run
     * folder). A folder that cannot be deleted now is removed by the owner's next {@link #open}.
     */
    public void discard(Path tmp) {
        Path stages = root.resolve("stages");
        if (!stages.equals(tmp.getParent()) || !tmp.getFileName().toString().startsWith(".tmp-")) {
            throw new IllegalArgumentException(
                    tmp + " is not a temporary stage folder of " + stages + "; not deleted");
        }
        deleteTreeQuietly(tmp);
    }

    /**
     * Seals a completed temporary folder with its checksums and moves it into place (atomic
     * rename). A worker whose owner is gone writes nothing: the folder is deleted instead.
     */
    public void commit(String key, Path tmp) throws IOException {
        StageManifest.write(tmp);
        synchronized (writes) {
            if (stopped || !mayWrite.getAsBoolean()) {
                deleteTree(tmp);
                throw new IOException(
                        "stage " + key + " not committed: the sweep that asked for it has ended");
            }
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
            verified.add(key);
        }
    }

    /** Writes a trial repeat's record (atomically, sealed), unless the store has been stopped. */
    public void write(TrialRecord rec) throws IOException {
        synchronized (writes) {
            if (stopped) {
                throw new IOException(
                        "trial " + rec.trialId() + " not recorded: the sweep was interrupted");
            }
            rec.write(trialResult(rec.trialId(), rec.repeat()));
        }
    }

    /**
     * Stops every later write into the store; returns once a write in progress has finished. Called
     * on an interrupt, before "interrupted" is printed: nothing is written into the run folder
     * after it.
     */
    public void stopWrites() {
        stopped = true;
        synchronized (writes) {
            // wait for a commit or record write in progress
        }
    }

    /** The result file of a trial repeat. */
    public Path trialResult(String trialId, int repeat) {
        return root.resolve("trials").resolve(trialId + "-r" + repeat + ".yaml");
    }

    /**
     * The folder of a trial repeat's measured files (model file, ONNX export, per-example
     * correctness).
     */
    public Path trialDir(String trialId, int repeat) {
        return root.resolve("trials").resolve(trialId + "-r" + repeat);
    }

    /** Releases the run folder's lock (the owner's store). */
    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
        }
    }

    private void quarantine(List<Path> paths, String entry, String reason) {
        Path aside = root.resolve("corrupt").resolve(session);
        for (Path p : paths) {
            if (!Files.exists(p)) {
                continue;
            }
            Path target = aside.resolve(root.relativize(p));
            try {
                Files.createDirectories(target.getParent());
                if (Files.exists(target)) {
                    target = target.resolveSibling(target.getFileName() + "-" + UUID.randomUUID());
                }
                Files.move(p, target);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot move the corrupt cache entry "
                                + p
                                + " aside to "
                                + target
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
        synchronized (recomputed) {
            recomputed.add(
                    new CacheProblem(
                            entry,
                            reason,
                            root.relativize(aside.resolve(root.relativize(paths.get(0))))));
        }
    }

    private void cleanTemporary() {
        for (Path dir : new Path[] {root.resolve("stages"), root.resolve("trials")}) {
            try (Stream<Path> s = Files.list(dir)) {
                // temporary stage folders (".tmp-<key>-...") and atomic-write leftovers
                // (".<name>.<uuid>.tmp")
                s.filter(
                                p ->
                                        p.getFileName().toString().startsWith(".tmp-")
                                                || p.getFileName().toString().startsWith(".")
                                                        && p.getFileName()
                                                                .toString()
                                                                .endsWith(".tmp"))
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
