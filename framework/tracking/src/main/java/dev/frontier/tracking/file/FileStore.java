package dev.frontier.tracking.file;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.MlflowNames;
import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingStore;
import dev.frontier.tracking.TrackingUri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * <p>Layout: {@code <root>/<exp>/meta.yaml}; {@code <root>/<exp>/<run>/meta.yaml} with the status as an
 * integer (FINISHED = 3); {@code params/<key>} and {@code tags/<key>} holding the value;
 * {@code metrics/<key>} holding {@code timestamp value step} lines; {@code artifacts/}. Writes are
 * atomic per file; logging an identical metric point twice keeps one line. Methods are synchronized, so
 * trials may log from several threads.
 */
public final class FileStore implements TrackingStore {

  private static final String META = "meta.yaml";
  private static final String DEFAULT_EXPERIMENT_ID = "0";
  private static final Set<String> RESERVED_FOLDERS = Set.of("tags", "datasets", "traces", "models", ".trash");

  private final Path root;
  private final Clock clock;
  private final String user;
  private final Map<String, Path> runDirs = new ConcurrentHashMap<>();

  private FileStore(Path root, Clock clock, String user) {
    this.root = root;
    this.clock = clock;
    this.user = user;
  }

  /**
   * Opens (creating if needed, with MLflow's "Default" experiment 0) the file store at {@code root}.
   *
   * @param root the store's root directory, e.g. {@code runs/<id>/mlruns}
   * @param clock the clock for experiment creation times
   * @param user the user recorded on runs ({@code mlflow.user})
   * @return the store
   */
  public static FileStore open(Path root, Clock clock, String user) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(user, "user");
    Path absolute = root.toAbsolutePath().normalize();
    var store = new FileStore(absolute, clock, user);
    store.initialise();
    return store;
  }

  /**
   * Opens the file store at {@code root} with the system clock and the {@code user.name} property.
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
  public TrackingUri uri() {
    return TrackingUri.ofDirectory(root);
  }

  @Override
  public synchronized Optional<String> findExperiment(String name) {
    return experiments().stream().filter(e -> e.name().equals(name)).map(StoredExperiment::experimentId).findFirst();
  }

  /**
   * Returns the active experiments of this store, by id.
   *
   * @return the experiments
   */
  public synchronized List<StoredExperiment> experiments() {
    var found = new ArrayList<StoredExperiment>();
    for (Path dir : children(root)) {
      Path meta = dir.resolve(META);
      if (RESERVED_FOLDERS.contains(dir.getFileName().toString()) || !Files.isRegularFile(meta)) {
        continue;
      }
      Map<String, Object> fields = MetaYaml.read(meta);
      if (!"deleted".equals(fields.get("lifecycle_stage"))) {
        found.add(new StoredExperiment(MetaYaml.string(fields, "experiment_id", meta), MetaYaml.string(fields, "name", meta)));
      }
    }
    found.sort(Comparator.comparing((StoredExperiment e) -> e.experimentId().length()).thenComparing(StoredExperiment::experimentId));
    return found;
  }

  @Override
  public synchronized String getOrCreateExperiment(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("experiment name must not be blank");
    }
    Optional<String> existing = findExperiment(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    long next = children(root).stream().map(p -> p.getFileName().toString()).filter(s -> s.matches("\\d{1,18}"))
        .mapToLong(Long::parseLong).max().orElse(0) + 1;
    while (true) {
      String id = Long.toString(next);
      try {
        Files.createDirectory(root.resolve(id));
        writeExperimentMeta(id, name);
        return id;
      } catch (FileAlreadyExistsException e) {
        next++; // another process took this id
      } catch (IOException e) {
        throw new TrackingException("MLflow file store " + root + ": cannot create experiment '" + name + "': " + e, e);
      }
    }
  }

  @Override
  public synchronized String createRun(String experimentId, NewRun run) {
    Path experimentDir = experimentDir(experimentId);
    String runId = UUID.randomUUID().toString().replace("-", "");
    Path runDir = experimentDir.resolve(runId);
    try {
      Files.createDirectory(runDir);
      for (String folder : List.of("params", "metrics", "tags", "artifacts")) {
        Files.createDirectories(runDir.resolve(folder));
      }
    } catch (IOException e) {
      throw new TrackingException("MLflow file store " + root + ": cannot create run '" + run.runName()
          + "' in experiment " + experimentId + ": " + e, e);
    }
    var meta = new LinkedHashMap<String, Object>();
    meta.put("artifact_uri", runDir.resolve("artifacts").toUri().toString().replaceAll("/$", ""));
    meta.put("end_time", null);
    meta.put("entry_point_name", "");
    meta.put("experiment_id", experimentId);
    meta.put("lifecycle_stage", "active");
    meta.put("run_id", runId);
    meta.put("run_name", run.runName());
    meta.put("source_name", "");
    meta.put("source_type", 4);
    meta.put("source_version", "");
    meta.put("start_time", run.startTimeMillis());
    meta.put("status", RunStatus.RUNNING.code());
    meta.put("tags", List.of());
    meta.put("user_id", user);
    MetaYaml.write(runDir.resolve(META), meta);
    runDirs.put(runId, runDir);
    var tags = new LinkedHashMap<String, String>();
    tags.put(MlflowTags.USER, user);
    tags.put(MlflowTags.SOURCE_NAME, "frontier");
    tags.put(MlflowTags.SOURCE_TYPE, "LOCAL");
    tags.putAll(run.allTags());
    writeTags(runDir, tags);
    return runId;
  }

  @Override
  public synchronized void logBatch(String runId, RunBatch batch) {
    Path runDir = runDir(runId);
    batch.params().forEach((key, value) -> {
      Path file = runDir.resolve("params").resolve(key);
      if (Files.exists(file)) {
        String old = readText(file);
        if (!old.equals(value)) {
          throw new TrackingException("MLflow file store " + root + ": run " + runId + " already has param '" + key
              + "' = '" + old + "'; MLflow does not allow changing it to '" + value + "'");
        }
        return;
      }
      AtomicWrite.text(file, value);
    });
    appendMetrics(runDir, runId, batch.metrics());
    writeTags(runDir, batch.tags());
  }

  @Override
  public synchronized void logArtifact(String runId, String artifactPath, Path file) {
    if (artifactPath == null || !MlflowNames.isNormalRelativePath(artifactPath)) {
      throw new IllegalArgumentException("run " + runId + ": artifact path '" + artifactPath + "' must be a plain relative path");
    }
    AtomicWrite.copy(file, runDir(runId).resolve("artifacts").resolve(artifactPath));
  }

  @Override
  public synchronized void endRun(String runId, RunStatus status, long endTimeMillis) {
    Path meta = runDir(runId).resolve(META);
    Map<String, Object> fields = MetaYaml.read(meta);
    fields.put("status", status.code());
    fields.put("end_time", status.isTerminal() ? endTimeMillis : null);
    MetaYaml.write(meta, fields);
  }

  @Override
  public synchronized TrackedRun getRun(String runId) {
    return readRun(runDir(runId));
  }

  @Override
  public synchronized List<TrackedRun> searchRuns(String experimentId, Map<String, String> tagsEqual) {
    var runs = new ArrayList<TrackedRun>();
    for (Path dir : children(experimentDir(experimentId))) {
      if (RESERVED_FOLDERS.contains(dir.getFileName().toString()) || !Files.isRegularFile(dir.resolve(META))) {
        continue;
      }
      Map<String, Object> fields = MetaYaml.read(dir.resolve(META));
      if ("deleted".equals(fields.get("lifecycle_stage"))) {
        continue;
      }
      TrackedRun run = readRun(dir);
      if (tagsEqual.entrySet().stream().allMatch(e -> e.getValue().equals(run.tags().get(e.getKey())))) {
        runs.add(run);
      }
    }
    runs.sort(Comparator.comparingLong(TrackedRun::startTimeMillis).thenComparing(TrackedRun::runId));
    return runs;
  }

  @Override
  public synchronized List<MetricPoint> metricHistory(String runId, String key) {
    MlflowNames.requireValidKey(key, "metric");
    return readMetric(runDir(runId).resolve("metrics").resolve(key), key);
  }

  /**
   * Returns every artifact file of a run, by path.
   *
   * @param runId the run
   * @return the artifacts, sorted by path
   */
  public synchronized List<StoredArtifact> artifacts(String runId) {
    Path base = runDir(runId).resolve("artifacts");
    return filesUnder(base).stream()
        .map(f -> new StoredArtifact(base.relativize(f).toString().replace('\\', '/'), f))
        .sorted(Comparator.comparing(StoredArtifact::artifactPath))
        .toList();
  }

  @Override
  public void close() {
    // nothing to release: every write is complete when its method returns
  }

  private void initialise() {
    try {
      boolean fresh = !Files.exists(root);
      Files.createDirectories(root.resolve(".trash"));
      if (fresh || !Files.exists(root.resolve(DEFAULT_EXPERIMENT_ID).resolve(META))) {
        Files.createDirectories(root.resolve(DEFAULT_EXPERIMENT_ID));
        writeExperimentMeta(DEFAULT_EXPERIMENT_ID, "Default");
      }
    } catch (IOException e) {
      throw new TrackingException("MLflow file store: cannot create " + root + ": " + e, e);
    }
  }

  private void writeExperimentMeta(String id, String name) {
    long now = clock.millis();
    var meta = new LinkedHashMap<String, Object>();
    meta.put("artifact_location", root.resolve(id).toUri().toString().replaceAll("/$", ""));
    meta.put("creation_time", now);
    meta.put("experiment_id", id);
    meta.put("last_update_time", now);
    meta.put("lifecycle_stage", "active");
    meta.put("name", name);
    MetaYaml.write(root.resolve(id).resolve(META), meta);
  }

  private Path experimentDir(String experimentId) {
    if (experimentId == null || !experimentId.matches("[a-zA-Z0-9][\\w\\-]{0,63}")) {
      throw new IllegalArgumentException("invalid experiment id '" + experimentId + "'");
    }
    Path dir = root.resolve(experimentId);
    if (!Files.isRegularFile(dir.resolve(META))) {
      throw new TrackingException("MLflow file store " + root + ": no experiment " + experimentId);
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
      if (!RESERVED_FOLDERS.contains(experiment.getFileName().toString()) && Files.isRegularFile(candidate.resolve(META))) {
        runDirs.put(runId, candidate);
        return candidate;
      }
    }
    throw new TrackingException("MLflow file store " + root + ": no run " + runId);
  }

  private void writeTags(Path runDir, Map<String, String> tags) {
    tags.forEach((key, value) -> AtomicWrite.text(runDir.resolve("tags").resolve(key), value));
  }

  private void appendMetrics(Path runDir, String runId, List<MetricPoint> points) {
    var byKey = new LinkedHashMap<String, List<MetricPoint>>();
    points.forEach(p -> byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p));
    byKey.forEach((key, list) -> {
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
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new TrackingException("MLflow file store " + root + ": run " + runId + ": cannot append metric '" + key
            + "' to " + file + ": " + e, e);
      }
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
    keyedFiles(runDir.resolve("params")).forEach((key, file) -> params.put(key, readText(file)));
    var tags = new LinkedHashMap<String, String>();
    keyedFiles(runDir.resolve("tags")).forEach((key, file) -> tags.put(key, readText(file)));
    var metrics = new LinkedHashMap<String, Double>();
    keyedFiles(runDir.resolve("metrics")).forEach((key, file) -> readMetric(file, key).stream()
        .max(Comparator.comparingLong(MetricPoint::step).thenComparingLong(MetricPoint::timestampMillis)
            .thenComparingDouble(MetricPoint::value))
        .ifPresent(p -> metrics.put(key, p.value())));
    Object end = meta.get("end_time");
    Object name = meta.get("run_name");
    return new TrackedRun(runId, MetaYaml.string(meta, "experiment_id", metaFile),
        name == null ? tags.getOrDefault(MlflowTags.RUN_NAME, "") : name.toString(),
        RunStatus.ofCode((int) MetaYaml.number(meta, "status", RunStatus.RUNNING.code(), metaFile)),
        MetaYaml.number(meta, "start_time", 0, metaFile),
        end instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty(),
        params, metrics, tags, String.valueOf(meta.getOrDefault("artifact_uri", "")));
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
          .filter(f -> !f.getFileName().toString().startsWith(".") || !f.getFileName().toString().contains(".tmp-"))
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
