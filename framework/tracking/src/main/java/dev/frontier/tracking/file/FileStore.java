package dev.frontier.tracking.file;

import dev.frontier.tracking.CompleteRun;
import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.MlflowNames;
import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.StoredArtifact;
import dev.frontier.tracking.StoredExperiment;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A tracking store that writes MLflow's file-store layout under a root directory, readable by
 * {@code mlflow ui} and {@code mlflow.search_runs} (with {@code MLFLOW_ALLOW_FILE_STORE=true}).
 *
 * <p>Layout: {@code <root>/<exp>/meta.yaml}; {@code <root>/<exp>/<run>/meta.yaml} with the status
 * as an integer (FINISHED = 3); {@code params/<key>} and {@code tags/<key>} holding the value;
 * {@code metrics/<key>} holding {@code timestamp value step} lines; {@code artifacts/}.
 *
 * <p>Write, then publish: a new run or experiment is built in a staging folder under {@code .trash}
 * (which MLflow lists only for deleted experiments) and renamed into place, so it appears whole;
 * every later change replaces one file through a temporary file in the run's own folder and a
 * rename, so a metric file is never empty or half-written. Temporary names ({@code
 * .tmp-<pid>-<uuid>}) say which process wrote them. A failed write throws {@link TrackingException}
 * naming the file and the reason (e.g. "No space left on device") and leaves what was there before.
 * Logging an identical metric point twice keeps one line. Methods are synchronized, so trials may
 * log from several threads.
 */
public final class FileStore implements LocalStore {

    private static final String META = "meta.yaml";
    private static final String DEFAULT_EXPERIMENT_ID = "0";
    private static final Set<String> RESERVED_FOLDERS =
            Set.of("tags", "datasets", "traces", "models", ".trash");
    static final String TRASH = ".trash";

    private final Path root;
    private final Clock clock;
    private final String user;
    private final AtomicWrite atomic;
    private final String writer;
    private final Map<String, Path> runDirs = new ConcurrentHashMap<>();
    private Path reserve;

    private FileStore(Path root, Clock clock, String user, FileOutput output) {
        this.root = root;
        this.clock = clock;
        this.user = user;
        this.atomic = new AtomicWrite(output);
        this.writer = ProcessHandle.current().pid() + "@" + Writers.thisHost();
    }

    /**
     * Opens (creating if needed, with MLflow's "Default" experiment 0) the file store at {@code
     * root}.
     *
     * @param root the store's root directory, e.g. {@code runs/<id>/mlruns}
     * @param clock the clock for experiment creation times
     * @param user the user recorded on runs ({@code mlflow.user})
     * @return the store
     */
    public static FileStore open(Path root, Clock clock, String user) {
        return open(root, clock, user, FileOutput.DISK);
    }

    /**
     * Opens the file store at {@code root}, writing new files through {@code output} (tests use one
     * that fails like a full disk).
     *
     * @param root the store's root directory
     * @param clock the clock for experiment creation times
     * @param user the user recorded on runs
     * @param output opens the streams new files are written through
     * @return the store
     */
    public static FileStore open(Path root, Clock clock, String user, FileOutput output) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(output, "output");
        Path absolute = root.toAbsolutePath().normalize();
        var store = new FileStore(absolute, clock, user, output);
        store.initialise();
        return store;
    }

    /**
     * Opens the file store at {@code root} with the system clock and the {@code user.name}
     * property.
     *
     * @param root the store's root directory
     * @return the store
     */
    public static FileStore open(Path root) {
        return open(root, Clock.systemUTC(), System.getProperty("user.name", "frontier"));
    }

    /**
     * Returns the store's root directory.
     *
     * @return the absolute root
     */
    public Path root() {
        return root;
    }

    @Override
    public Path location() {
        return root;
    }

    @Override
    public StoreCheck check() {
        return StoreCheck.run(this);
    }

    @Override
    public TrackingUri uri() {
        return TrackingUri.ofDirectory(root);
    }

    @Override
    public synchronized Optional<String> findExperiment(String name) {
        return experiments().stream()
                .filter(e -> e.name().equals(name))
                .map(StoredExperiment::experimentId)
                .findFirst();
    }

    @Override
    public synchronized List<StoredExperiment> experiments() {
        var found = new ArrayList<StoredExperiment>();
        for (Path dir : children(root)) {
            Path meta = dir.resolve(META);
            if (RESERVED_FOLDERS.contains(dir.getFileName().toString())
                    || !Files.isRegularFile(meta)) {
                continue;
            }
            Map<String, Object> fields = MetaYaml.read(meta);
            if (!"deleted".equals(fields.get("lifecycle_stage"))) {
                found.add(
                        new StoredExperiment(
                                MetaYaml.string(fields, "experiment_id", meta),
                                MetaYaml.string(fields, "name", meta)));
            }
        }
        found.sort(
                Comparator.comparing((StoredExperiment e) -> e.experimentId().length())
                        .thenComparing(StoredExperiment::experimentId));
        return found;
    }

    @Override
    public synchronized String getOrCreateExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name must not be blank");
        }
        Optional<String> existing = findExperiment(name);
        if (existing.isPresent()) {
            Path dir = root.resolve(existing.get());
            if (!Files.exists(dir.resolve("tags").resolve(MlflowTags.EXPERIMENT_KIND))) {
                writeExperimentKind(dir); // created before Frontier tagged its experiments
            }
            return existing.get();
        }
        long next =
                children(root).stream()
                                .map(p -> p.getFileName().toString())
                                .filter(s -> s.matches("\\d{1,18}"))
                                .mapToLong(Long::parseLong)
                                .max()
                                .orElse(0)
                        + 1;
        while (true) {
            String id = Long.toString(next);
            Path stage = staging();
            try {
                writeExperimentMeta(stage, id, name);
                Files.move(stage, root.resolve(id), StandardCopyOption.ATOMIC_MOVE);
                return id;
            } catch (IOException e) {
                if (Files.exists(root.resolve(id))) {
                    next++; // another process took this id
                    continue;
                }
                throw new TrackingException(
                        "MLflow file store "
                                + root
                                + ": cannot create experiment '"
                                + name
                                + "' in "
                                + root.resolve(id)
                                + ": "
                                + AtomicWrite.reason(e),
                        e);
            } finally {
                deleteTree(stage);
            }
        }
    }

    @Override
    public synchronized String createRun(String experimentId, NewRun run) {
        return stageRun(
                experimentId,
                UUID.randomUUID().toString().replace("-", ""),
                false,
                run,
                RunBatch.EMPTY,
                List.of(),
                RunStatus.RUNNING,
                0);
    }

    @Override
    public synchronized String createCompleteRun(String experimentId, CompleteRun run) {
        return stageRun(
                experimentId,
                UUID.randomUUID().toString().replace("-", ""),
                false,
                run.run(),
                run.batch(),
                run.artifacts(),
                run.status(),
                run.endTimeMillis());
    }

    @Override
    public synchronized void replaceRun(String runId, CompleteRun run) {
        Path old = runDir(runId);
        String experimentId = old.getParent().getFileName().toString();
        stageRun(
                experimentId,
                runId,
                true,
                run.run(),
                run.batch(),
                run.artifacts(),
                run.status(),
                run.endTimeMillis());
    }

    private String stageRun(
            String experimentId,
            String runId,
            boolean replace,
            NewRun run,
            RunBatch batch,
            List<StoredArtifact> artifacts,
            RunStatus status,
            long endTimeMillis) {
        Path experimentDir = experimentDir(experimentId);
        Path target = experimentDir.resolve(runId);
        Path stage = staging();
        Path aside = null;
        try {
            for (String folder : List.of("params", "metrics", "tags", "artifacts")) {
                Files.createDirectories(stage.resolve(folder));
            }
            var meta = new LinkedHashMap<String, Object>();
            meta.put(
                    "artifact_uri",
                    target.resolve("artifacts").toUri().toString().replaceAll("/$", ""));
            meta.put("end_time", status.isTerminal() ? endTimeMillis : null);
            meta.put("entry_point_name", "");
            meta.put("experiment_id", experimentId);
            meta.put("lifecycle_stage", "active");
            meta.put("run_id", runId);
            meta.put("run_name", run.runName());
            meta.put("source_name", "");
            meta.put("source_type", 4);
            meta.put("source_version", "");
            meta.put("start_time", run.startTimeMillis());
            meta.put("status", status.code());
            meta.put("tags", List.of());
            meta.put("user_id", user);
            atomic.text(stage.resolve(META), MetaYaml.dump(meta), stage);
            var tags = new LinkedHashMap<String, String>();
            tags.put(MlflowTags.USER, user);
            tags.put(MlflowTags.SOURCE_NAME, "frontier");
            tags.put(MlflowTags.SOURCE_TYPE, "LOCAL");
            tags.putAll(run.allTags());
            if (status == RunStatus.RUNNING) {
                tags.put(MlflowTags.WRITER, writer);
            }
            tags.putAll(batch.tags());
            writeTags(stage, tags);
            batch.params()
                    .forEach(
                            (key, value) ->
                                    atomic.text(
                                            stage.resolve("params").resolve(key), value, stage));
            appendMetrics(stage, runId, batch.metrics());
            for (StoredArtifact artifact : artifacts) {
                atomic.copy(
                        artifact.file(),
                        stage.resolve("artifacts").resolve(artifact.artifactPath()),
                        stage);
            }
            if (replace) {
                aside = staging();
                Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (aside != null) {
                    Files.move(aside, target, StandardCopyOption.ATOMIC_MOVE);
                    aside = null;
                }
                throw e;
            }
        } catch (IOException | TrackingException e) {
            String reason = e instanceof IOException io ? AtomicWrite.reason(io) : e.getMessage();
            throw new TrackingException(
                    "MLflow file store "
                            + root
                            + ": cannot write run '"
                            + run.runName()
                            + "' ("
                            + target
                            + "): "
                            + reason,
                    e);
        } finally {
            deleteTree(stage);
            if (aside != null) {
                deleteTree(aside);
            }
        }
        runDirs.put(runId, target);
        return runId;
    }

    @Override
    public synchronized void logBatch(String runId, RunBatch batch) {
        Path runDir = runDir(runId);
        batch.params()
                .forEach(
                        (key, value) -> {
                            Path file = runDir.resolve("params").resolve(key);
                            if (Files.exists(file)) {
                                String old = readText(file);
                                if (!old.equals(value)) {
                                    throw new TrackingException(
                                            "MLflow file store "
                                                    + root
                                                    + ": run "
                                                    + runId
                                                    + " already has param '"
                                                    + key
                                                    + "' = '"
                                                    + old
                                                    + "'; MLflow does not allow changing it to '"
                                                    + value
                                                    + "'");
                                }
                                return;
                            }
                            atomic.text(file, value, runDir);
                        });
        appendMetrics(runDir, runId, batch.metrics());
        writeTags(runDir, batch.tags());
    }

    @Override
    public synchronized void logArtifact(String runId, String artifactPath, Path file) {
        if (artifactPath == null || !MlflowNames.isNormalRelativePath(artifactPath)) {
            throw new IllegalArgumentException(
                    "run "
                            + runId
                            + ": artifact path '"
                            + artifactPath
                            + "' must be a plain relative path");
        }
        Path runDir = runDir(runId);
        atomic.copy(file, runDir.resolve("artifacts").resolve(artifactPath), runDir);
    }

    @Override
    public synchronized void endRun(String runId, RunStatus status, long endTimeMillis) {
        Path runDir = runDir(runId);
        Path meta = runDir.resolve(META);
        Map<String, Object> fields = MetaYaml.read(meta);
        fields.put("status", status.code());
        fields.put("end_time", status.isTerminal() ? endTimeMillis : null);
        if (status == RunStatus.RUNNING) {
            writeTags(runDir, Map.of(MlflowTags.WRITER, writer));
        }
        atomic.text(meta, MetaYaml.dump(fields), runDir);
    }

    @Override
    public synchronized TrackedRun getRun(String runId) {
        return readRun(runDir(runId));
    }

    @Override
    public synchronized List<TrackedRun> searchRuns(
            String experimentId, Map<String, String> tagsEqual) {
        var runs = new ArrayList<TrackedRun>();
        for (Path dir : children(experimentDir(experimentId))) {
            if (RESERVED_FOLDERS.contains(dir.getFileName().toString())
                    || !Files.isRegularFile(dir.resolve(META))) {
                continue;
            }
            Map<String, Object> fields = MetaYaml.read(dir.resolve(META));
            if ("deleted".equals(fields.get("lifecycle_stage"))) {
                continue;
            }
            TrackedRun run = readRun(dir);
            if (tagsEqual.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(run.tags().get(e.getKey())))) {
                runs.add(run);
            }
        }
        runs.sort(
                Comparator.comparingLong(TrackedRun::startTimeMillis)
                        .thenComparing(TrackedRun::runId));
        return runs;
    }

    @Override
    public synchronized List<String> runIds(String experimentId) {
        return children(experimentDir(experimentId)).stream()
                .filter(
                        d ->
                                !RESERVED_FOLDERS.contains(d.getFileName().toString())
                                        && Files.isRegularFile(d.resolve(META)))
                .filter(d -> !isDeleted(d.resolve(META)))
                .map(d -> d.getFileName().toString())
                .toList();
    }

    private static boolean isDeleted(Path meta) {
        try {
            return "deleted".equals(MetaYaml.read(meta).get("lifecycle_stage"));
        } catch (TrackingException e) {
            return false; // unreadable: listed, so that a check can say what is wrong with it
        }
    }

    @Override
    public synchronized List<MetricPoint> metricHistory(String runId, String key) {
        MlflowNames.requireValidKey(key, "metric");
        return readMetric(runDir(runId).resolve("metrics").resolve(key), key);
    }

    @Override
    public synchronized List<StoredArtifact> artifacts(String runId) {
        Path base = runDir(runId).resolve("artifacts");
        return filesUnder(base).stream()
                .map(f -> new StoredArtifact(base.relativize(f).toString().replace('\\', '/'), f))
                .sorted(Comparator.comparing(StoredArtifact::artifactPath))
                .toList();
    }

    @Override
    public synchronized void reserveSpace(int bytes) {
        releaseSpace();
        Path file = root.resolve(AtomicWrite.tempName());
        atomic.fill(file, bytes);
        reserve = file;
    }

    @Override
    public synchronized void releaseSpace() {
        if (reserve != null) {
            deleteTree(reserve);
            reserve = null;
        }
    }

    @Override
    public void close() {
        // nothing to release: every write is complete when its method returns
    }

    private void initialise() {
        try {
            Files.createDirectories(root.resolve(TRASH));
            Path defaultExperiment = root.resolve(DEFAULT_EXPERIMENT_ID);
            if (!Files.exists(defaultExperiment.resolve(META))) {
                Files.createDirectories(defaultExperiment);
                writeExperimentMeta(defaultExperiment, DEFAULT_EXPERIMENT_ID, "Default");
            }
        } catch (IOException e) {
            throw new TrackingException(
                    "MLflow file store: cannot create " + root + ": " + AtomicWrite.reason(e), e);
        }
    }

    /** A fresh, empty staging folder under {@code .trash}, on the store's file system. */
    private Path staging() {
        Path stage = root.resolve(TRASH).resolve(AtomicWrite.tempName());
        try {
            Files.createDirectories(stage);
        } catch (IOException e) {
            throw new TrackingException(
                    "MLflow file store "
                            + root
                            + ": cannot create staging folder "
                            + stage
                            + ": "
                            + AtomicWrite.reason(e),
                    e);
        }
        return stage;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover staging folder is named as one and `frontier sync` removes it
        }
    }

    private void writeExperimentMeta(Path dir, String id, String name) {
        long now = clock.millis();
        var meta = new LinkedHashMap<String, Object>();
        meta.put("artifact_location", root.resolve(id).toUri().toString().replaceAll("/$", ""));
        meta.put("creation_time", now);
        meta.put("experiment_id", id);
        meta.put("last_update_time", now);
        meta.put("lifecycle_stage", "active");
        meta.put("name", name);
        atomic.text(dir.resolve(META), MetaYaml.dump(meta), dir);
        writeExperimentKind(dir);
    }

    /** Tags the experiment so MLflow 3's UI opens it on its runs (not its GenAI view). */
    private void writeExperimentKind(Path dir) {
        atomic.text(
                dir.resolve("tags").resolve(MlflowTags.EXPERIMENT_KIND),
                MlflowTags.CUSTOM_MODEL_DEVELOPMENT,
                dir);
    }

    private Path experimentDir(String experimentId) {
        if (experimentId == null || !experimentId.matches("[a-zA-Z0-9][\\w\\-]{0,63}")) {
            throw new IllegalArgumentException("invalid experiment id '" + experimentId + "'");
        }
        Path dir = root.resolve(experimentId);
        if (!Files.isRegularFile(dir.resolve(META))) {
            throw new TrackingException(
                    "MLflow file store " + root + ": no experiment " + experimentId);
        }
        return dir;
    }

    private Path runDir(String runId) {
        if (runId == null || !runId.matches("[a-zA-Z0-9][\\w\\-]{0,255}")) {
            throw new IllegalArgumentException("invalid run id '" + runId + "'");
        }
        Path cached = runDirs.get(runId);
        if (cached != null && Files.isDirectory(cached)) {
            return cached;
        }
        for (Path experiment : children(root)) {
            Path candidate = experiment.resolve(runId);
            if (!RESERVED_FOLDERS.contains(experiment.getFileName().toString())
                    && Files.isRegularFile(candidate.resolve(META))) {
                runDirs.put(runId, candidate);
                return candidate;
            }
        }
        throw new TrackingException("MLflow file store " + root + ": no run " + runId);
    }

    private void writeTags(Path runDir, Map<String, String> tags) {
        tags.forEach(
                (key, value) -> atomic.text(runDir.resolve("tags").resolve(key), value, runDir));
    }

    private void appendMetrics(Path runDir, String runId, List<MetricPoint> points) {
        var byKey = new LinkedHashMap<String, List<MetricPoint>>();
        points.forEach(p -> byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p));
        byKey.forEach(
                (key, list) -> {
                    Path file = runDir.resolve("metrics").resolve(key);
                    var present = new LinkedHashSet<String>();
                    readMetric(file, key).forEach(p -> present.add(MetricLines.format(p)));
                    var text = new StringBuilder();
                    for (MetricPoint point : list) {
                        String line = MetricLines.format(point);
                        if (present.add(line)) {
                            text.append(line).append('\n');
                        }
                    }
                    if (text.length() == 0) {
                        return;
                    }
                    String old = Files.isRegularFile(file) ? readText(file) : "";
                    if (!old.isEmpty() && !old.endsWith("\n")) {
                        old += "\n";
                    }
                    atomic.text(
                            file,
                            old + text,
                            runDir); // the whole file again: never half a line, never empty
                });
    }

    private List<MetricPoint> readMetric(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        var points = new ArrayList<MetricPoint>();
        List<String> lines = readText(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                points.add(MetricLines.parse(key, lines.get(i), file, i + 1));
            }
        }
        return points;
    }

    private TrackedRun readRun(Path runDir) {
        Path metaFile = runDir.resolve(META);
        Map<String, Object> meta = MetaYaml.read(metaFile);
        String runId = MetaYaml.string(meta, "run_id", metaFile);
        var params = new LinkedHashMap<String, String>();
        keyedFiles(runDir.resolve("params"))
                .forEach((key, file) -> params.put(key, readText(file)));
        var tags = new LinkedHashMap<String, String>();
        keyedFiles(runDir.resolve("tags")).forEach((key, file) -> tags.put(key, readText(file)));
        var metrics = new LinkedHashMap<String, Double>();
        keyedFiles(runDir.resolve("metrics"))
                .forEach(
                        (key, file) ->
                                readMetric(file, key).stream()
                                        .max(
                                                Comparator.comparingLong(MetricPoint::step)
                                                        .thenComparingLong(
                                                                MetricPoint::timestampMillis)
                                                        .thenComparingDouble(MetricPoint::value))
                                        .ifPresent(p -> metrics.put(key, p.value())));
        Object end = meta.get("end_time");
        Object name = meta.get("run_name");
        return new TrackedRun(
                runId,
                MetaYaml.string(meta, "experiment_id", metaFile),
                name == null ? tags.getOrDefault(MlflowTags.RUN_NAME, "") : name.toString(),
                RunStatus.ofCode(
                        (int) MetaYaml.number(meta, "status", RunStatus.RUNNING.code(), metaFile)),
                MetaYaml.number(meta, "start_time", 0, metaFile),
                end instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
                params,
                metrics,
                tags,
                String.valueOf(meta.getOrDefault("artifact_uri", "")));
    }

    private static Map<String, Path> keyedFiles(Path base) {
        var map = new java.util.TreeMap<String, Path>();
        filesUnder(base).forEach(f -> map.put(base.relativize(f).toString().replace('\\', '/'), f));
        return map;
    }

    private static List<Path> filesUnder(Path base) {
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !AtomicWrite.isTemp(f.getFileName().toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new TrackingException("MLflow file store: cannot list " + base + ": " + e, e);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new TrackingException("MLflow file store: cannot list " + dir + ": " + e, e);
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TrackingException("MLflow file store: cannot read " + file + ": " + e, e);
        }
    }
}
