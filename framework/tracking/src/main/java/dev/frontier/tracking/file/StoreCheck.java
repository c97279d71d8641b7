package dev.frontier.tracking.file;

import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds what an interrupted or failed writer left in a file store: runs with no (or an unreadable)
 * {@code meta.yaml}, empty or malformed metric files, runs still RUNNING, and leftover temporary
 * files and staging folders. Leftovers whose writer is no longer alive are removed ({@link
 * #repaired()}); runs that cannot be trusted are listed with the reason ({@link #partialRuns()})
 * and must not be pushed anywhere.
 */
public final class StoreCheck {

    private static final String META = "meta.yaml";
    private static final Set<String> RESERVED_FOLDERS =
            Set.of("tags", "datasets", "traces", "models", FileStore.TRASH);

    /**
     * A run that is not whole.
     *
     * @param experimentId its experiment
     * @param runId its id (the folder name)
     * @param runName its name, "" if unknown
     * @param reason why it cannot be trusted, e.g. "metric 'hypervolume' is empty"
     */
    public record PartialRun(String experimentId, String runId, String runName, String reason) {

        @Override
        public String toString() {
            return "run "
                    + runId
                    + (runName.isEmpty() ? "" : " (" + runName + ")")
                    + " in experiment "
                    + experimentId
                    + ": "
                    + reason;
        }
    }

    private final Path root;
    private final Map<String, PartialRun> partial = new LinkedHashMap<>();
    private final List<String> repaired = new ArrayList<>();

    private StoreCheck(Path root) {
        this.root = root;
    }

    /**
     * Checks every active experiment of a store and removes leftovers of writers that are gone.
     *
     * @param store the store
     * @return what was found and repaired
     */
    public static StoreCheck run(FileStore store) {
        var check = new StoreCheck(store.root());
        check.scan();
        return check;
    }

    /**
     * Returns the check of a store with nothing to repair (e.g. a SQLite store, whose writes are
     * transactions) that found these partial runs.
     *
     * @param root the store's location, for messages
     * @param partialRuns the runs that must not be pushed
     * @return the check
     */
    public static StoreCheck of(Path root, List<PartialRun> partialRuns) {
        var check = new StoreCheck(root);
        partialRuns.forEach(p -> check.partial.put(p.runId(), p));
        return check;
    }

    /**
     * Returns the runs that are not whole, by run id, with the reason.
     *
     * @return the partial runs, in store order
     */
    public Map<String, PartialRun> partialRuns() {
        return Collections.unmodifiableMap(partial);
    }

    /**
     * Returns what was repaired, one sentence each (e.g. "removed leftover temporary file …").
     *
     * @return the repairs
     */
    public List<String> repaired() {
        return List.copyOf(repaired);
    }

    private void scan() {
        removeLeftovers(root, false);
        removeLeftovers(root.resolve(FileStore.TRASH), false);
        for (Path experiment : dirs(root)) {
            String name = experiment.getFileName().toString();
            if (RESERVED_FOLDERS.contains(name) || !Files.isRegularFile(experiment.resolve(META))) {
                continue;
            }
            removeLeftovers(experiment, false);
            for (Path run : dirs(experiment)) {
                String runId = run.getFileName().toString();
                if (!RESERVED_FOLDERS.contains(runId) && !AtomicWrite.isTemp(runId)) {
                    checkRun(name, runId, run);
                }
            }
        }
    }

    private void checkRun(String experimentId, String runId, Path run) {
        removeLeftovers(run, true);
        Path metaFile = run.resolve(META);
        if (!Files.isRegularFile(metaFile)) {
            partial.put(
                    runId,
                    new PartialRun(
                            experimentId,
                            runId,
                            "",
                            "it has no meta.yaml (it was never completely created)"));
            return;
        }
        Map<String, Object> meta;
        RunStatus status;
        try {
            meta = MetaYaml.read(metaFile);
            if (!runId.equals(String.valueOf(meta.get("run_id")))) {
                throw new TrackingException(metaFile + " names run '" + meta.get("run_id") + "'");
            }
            status =
                    RunStatus.ofCode(
                            (int)
                                    MetaYaml.number(
                                            meta, "status", RunStatus.RUNNING.code(), metaFile));
        } catch (RuntimeException e) {
            partial.put(
                    runId,
                    new PartialRun(
                            experimentId,
                            runId,
                            "",
                            "its meta.yaml is unreadable: " + e.getMessage()));
            return;
        }
        if ("deleted".equals(meta.get("lifecycle_stage"))) {
            return;
        }
        String runName = meta.get("run_name") == null ? "" : meta.get("run_name").toString();
        String problem = metricProblem(run.resolve("metrics"));
        if (problem == null && status == RunStatus.RUNNING) {
            problem = runningProblem(run);
        }
        if (problem != null) {
            partial.put(runId, new PartialRun(experimentId, runId, runName, problem));
        }
    }

    private String metricProblem(Path metrics) {
        if (!Files.isDirectory(metrics)) {
            return null;
        }
        try (Stream<Path> walk = Files.walk(metrics)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                String key = metrics.relativize(file).toString().replace('\\', '/');
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.isBlank()) {
                    return "metric '" + key + "' is empty (" + file + "): a write was cut short";
                }
                List<String> lines = text.lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (!lines.get(i).isBlank()) {
                        try {
                            MetricLines.parse(key, lines.get(i), file, i + 1);
                        } catch (TrackingException e) {
                            return "metric '" + key + "' is malformed: " + e.getMessage();
                        }
                    }
                }
                if (!text.endsWith("\n")) {
                    return "metric '"
                            + key
                            + "' ends in the middle of a line ("
                            + file
                            + "): a write was cut short";
                }
            }
        } catch (IOException | RuntimeException e) {
            return "its metrics cannot be read: " + e.getMessage();
        }
        return null;
    }

    private String runningProblem(Path run) {
        Path writerFile = run.resolve("tags").resolve(MlflowTags.WRITER);
        String writer = "";
        try {
            if (Files.isRegularFile(writerFile)) {
                writer = Files.readString(writerFile, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            writer = "";
        }
        return runningProblem(writer);
    }

    /**
     * Returns this process as a run's {@value MlflowTags#WRITER}: {@code <pid>@<host>}.
     *
     * @return the writer name
     */
    public static String thisWriter() {
        return ProcessHandle.current().pid() + "@" + Writers.thisHost();
    }

    /**
     * Says why a run still RUNNING must not be pushed, from its {@value MlflowTags#WRITER} tag.
     *
     * @param writer the run's writer, {@code <pid>@<host>}; "" if none is recorded
     * @return the reason, e.g. "it is still RUNNING in process 42: sync after that sweep ends"
     */
    public static String runningProblem(String writer) {
        String host = Writers.thisHost();
        if (writer.isEmpty()) {
            return "it is still RUNNING and no writer is recorded: it may be incomplete";
        }
        OptionalLong pid = Writers.localPid(writer, host);
        if (pid.isEmpty()) {
            return "it is still RUNNING, written by "
                    + writer
                    + " (another host): sync it there or after that sweep ends";
        }
        if (Writers.alive(pid.getAsLong())) {
            return "it is still RUNNING in process "
                    + pid.getAsLong()
                    + ": sync after that sweep ends";
        }
        return "it is still RUNNING but the process that wrote it ("
                + writer
                + ") has ended: the sweep was cut short"
                + " and the run may be incomplete; rerun the sweep to complete it";
    }

    /**
     * Removes temporary files and staging folders in {@code dir} (and below, if {@code deep}) whose
     * writer is gone.
     */
    private void removeLeftovers(Path dir, boolean deep) {
        List<Path> found;
        try (Stream<Path> walk = deep ? Files.walk(dir) : Files.list(dir)) {
            found =
                    walk.filter(
                                    p ->
                                            !p.equals(dir)
                                                    && AtomicWrite.isTemp(
                                                            p.getFileName().toString()))
                            .toList();
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path p : found) {
            OptionalLong owner = AtomicWrite.tempOwner(p.getFileName().toString());
            if (owner.isPresent() && Writers.alive(owner.getAsLong())) {
                continue;
            }
            boolean folder = Files.isDirectory(p);
            FileStore.deleteTree(p);
            if (!Files.exists(p)) {
                repaired.add("removed leftover temporary " + (folder ? "folder " : "file ") + p);
            }
        }
    }

    private static List<Path> dirs(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new TrackingException(
                    "MLflow file store " + dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
