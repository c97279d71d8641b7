package dev.frontier.tracking.sqlite;

import dev.frontier.tracking.CompleteRun;
import dev.frontier.tracking.LocalStore;
import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.MlflowNames;
import dev.frontier.tracking.MlflowTags;
import dev.frontier.tracking.ModelVersionRef;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.StoredArtifact;
import dev.frontier.tracking.StoredExperiment;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.StoreCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * The embedded tracking store: a SQLite database in MLflow's own schema (the tables MLflow {@value
 * #MLFLOW_VERSION} creates at alembic revision {@value #ALEMBIC_REVISION}), so that {@code
 * mlflow.search_runs}, {@code MlflowClient} and {@code mlflow ui --backend-store-uri
 * sqlite:///<file>} read it as it is. Artifacts live in a folder next to the database, {@code
 * <name>-artifacts/<experiment id>/<run id>/artifacts}, which is each experiment's {@code
 * artifact_location}.
 *
 * <p>A new database gets the whole schema (the DDL MLflow itself created, a resource of this
 * package), its alembic revision and MLflow's "Default" experiment 0 in one transaction. An
 * existing database at another revision is refused with one error naming the file. Every call that
 * writes is one transaction (a whole run batch, or a whole finished run), begun {@code IMMEDIATE}
 * so that writers queue instead of failing; another process holding the database is waited for up
 * to {@link #BUSY_TIMEOUT_MILLIS}. A process killed mid-write leaves the last committed state.
 * Methods are synchronized, so trials may log from several threads.
 *
 * <p>As in MLflow's own SQL store, a NaN metric value is stored as 0 with {@code is_nan} set and an
 * infinite value as ±{@link Double#MAX_VALUE}.
 */
public final class SqliteStore implements LocalStore {

    /** The MLflow release whose schema this store writes. */
    public static final String MLFLOW_VERSION = "3.17.2";

    /** The alembic revision of that schema (MLflow's {@code alembic_version} table). */
    public static final String ALEMBIC_REVISION = "dc11669786a5";

    /**
     * The schema resource: MLflow's DDL, statements separated by lines holding only {@code --;}.
     */
    static final String SCHEMA_RESOURCE = "mlflow-schema.sql";

    /** How long a write waits for another process holding the database. */
    public static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private static final String DEFAULT_EXPERIMENT_ID = "0";
    private static final String WORKSPACE = "default";

    private final Path file;
    private final Path artifactRoot;
    private final Clock clock;
    private final String user;
    private final String writer;
    private final Connection connection;
    private Path reserve;

    private SqliteStore(Path file, Clock clock, String user, Connection connection) {
        this.file = file;
        this.artifactRoot = artifactRootOf(file);
        this.clock = clock;
        this.user = user;
        this.writer = StoreCheck.thisWriter();
        this.connection = connection;
    }

    /**
     * Opens the SQLite store in {@code file}, creating the database (MLflow's schema and its
     * Default experiment) if it does not exist or is empty.
     *
     * @param file the database file, e.g. {@code ./mlruns.db}
     * @param clock the clock for experiment creation times
     * @param user the user recorded on runs ({@code mlflow.user})
     * @return the store
     * @throws TrackingException if the file is not an MLflow database at {@value
     *     #ALEMBIC_REVISION}, or cannot be opened, naming the file
     */
    public static SqliteStore open(Path file, Clock clock, String user) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(user, "user");
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new TrackingException(
                    "MLflow SQLite store "
                            + absolute
                            + " is a directory; name a database file, e.g. "
                            + absolute.resolve("mlflow.db"));
        }
        Connection connection;
        try {
            Files.createDirectories(absolute.getParent());
            var config = new SQLiteConfig();
            config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
            connection = config.createConnection("jdbc:sqlite:" + absolute);
        } catch (IOException | SQLException e) {
            throw new TrackingException(
                    "MLflow SQLite store " + absolute + ": cannot open the database: " + e, e);
        }
        var store = new SqliteStore(absolute, clock, user, connection);
        try {
            store.initialise();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * Opens the SQLite store in {@code file} with the system clock and the {@code user.name}
     * property.
     *
     * @param file the database file
     * @return the store
     */
    public static SqliteStore open(Path file) {
        return open(file, Clock.systemUTC(), System.getProperty("user.name", "frontier"));
    }

    /**
     * Returns the folder the artifacts of a database's runs go to: {@code <name>-artifacts} next to
     * it ({@code mlruns.db} → {@code mlruns-artifacts}).
     *
     * @param file the database file
     * @return the artifact root
     */
    public static Path artifactRootOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return absolute.resolveSibling(stem + "-artifacts");
    }

    /**
     * Returns the folder this store's artifacts go to.
     *
     * @return the artifact root
     */
    public Path artifactRoot() {
        return artifactRoot;
    }

    @Override
    public Path location() {
        return file;
    }

    @Override
    public TrackingUri uri() {
        return TrackingUri.ofDatabase(file);
    }

    @Override
    public synchronized Optional<String> findExperiment(String name) {
        return read(
                "find experiment '" + name + "'",
                () -> {
                    try (var st =
                            connection.prepareStatement(
                                    "SELECT experiment_id FROM experiments WHERE name = ?"
                                            + " AND workspace = ? AND lifecycle_stage = 'active'")) {
                        st.setString(1, name);
                        st.setString(2, WORKSPACE);
                        try (ResultSet rs = st.executeQuery()) {
                            return rs.next()
                                    ? Optional.of(Long.toString(rs.getLong(1)))
                                    : Optional.<String>empty();
                        }
                    }
                });
    }

    @Override
    public synchronized List<StoredExperiment> experiments() {
        return read(
                "list experiments",
                () -> {
                    var found = new ArrayList<StoredExperiment>();
                    try (var st =
                                    connection.prepareStatement(
                                            "SELECT experiment_id, name FROM experiments"
                                                    + " WHERE lifecycle_stage = 'active'"
                                                    + " ORDER BY experiment_id");
                            ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            found.add(
                                    new StoredExperiment(
                                            Long.toString(rs.getLong(1)), rs.getString(2)));
                        }
                    }
                    return found;
                });
    }

    @Override
    public synchronized String getOrCreateExperiment(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name must not be blank");
        }
        return write(
                "create experiment '" + name + "'",
                () -> {
                    Long existing = null;
                    String stage = null;
                    try (var st =
                            connection.prepareStatement(
                                    "SELECT experiment_id, lifecycle_stage FROM experiments"
                                            + " WHERE name = ? AND workspace = ?")) {
                        st.setString(1, name);
                        st.setString(2, WORKSPACE);
                        try (ResultSet rs = st.executeQuery()) {
                            if (rs.next()) {
                                existing = rs.getLong(1);
                                stage = rs.getString(2);
                            }
                        }
                    }
                    if (existing != null) {
                        if (!"active".equals(stage)) {
                            throw new TrackingException(
                                    "MLflow SQLite store "
                                            + file
                                            + ": experiment '"
                                            + name
                                            + "' (id "
                                            + existing
                                            + ") is deleted; restore it (mlflow experiments"
                                            + " restore --experiment-id "
                                            + existing
                                            + ") or use another name");
                        }
                        // experiments made before Frontier tagged them get their kind now
                        tagExperimentKind(existing, false);
                        return Long.toString(existing);
                    }
                    return Long.toString(insertExperiment(null, name));
                });
    }

    @Override
    public synchronized String createRun(String experimentId, NewRun run) {
        String runId = newRunId();
        write(
                "create run '" + run.runName() + "'",
                () -> {
                    insertRun(experimentId, runId, run, RunStatus.RUNNING, 0);
                    writeTags(runId, startTags(run, RunStatus.RUNNING));
                    return null;
                });
        return runId;
    }

    @Override
    public synchronized String createCompleteRun(String experimentId, CompleteRun run) {
        String runId = newRunId();
        Path artifacts = artifactDir(experimentLocation(experimentId), runId);
        try {
            copyArtifacts(run.artifacts(), artifacts, run.run().runName());
            write(
                    "create run '" + run.run().runName() + "'",
                    () -> {
                        insertRun(
                                experimentId, runId, run.run(), run.status(), run.endTimeMillis());
                        writeTags(runId, startTags(run.run(), run.status()));
                        logBatchRows(runId, run.batch());
                        return null;
                    });
        } catch (RuntimeException e) {
            deleteTree(artifacts.getParent());
            throw e;
        }
        return runId;
    }

    @Override
    public synchronized void replaceRun(String runId, CompleteRun run) {
        TrackedRun old = getRun(runId);
        Path artifacts = localPath(old.artifactUri(), runId);
        Path staged = artifacts.resolveSibling(tempName());
        try {
            copyArtifacts(run.artifacts(), staged, run.run().runName());
            write(
                    "replace run " + runId + " ('" + run.run().runName() + "')",
                    () -> {
                        for (String table :
                                List.of("metrics", "latest_metrics", "params", "tags")) {
                            try (var st =
                                    connection.prepareStatement(
                                            "DELETE FROM " + table + " WHERE run_uuid = ?")) {
                                st.setString(1, runId);
                                st.executeUpdate();
                            }
                        }
                        try (var st =
                                connection.prepareStatement(
                                        "UPDATE runs SET name = ?, status = ?, start_time = ?,"
                                                + " end_time = ? WHERE run_uuid = ?")) {
                            st.setString(1, run.run().runName());
                            st.setString(2, run.status().name());
                            st.setLong(3, run.run().startTimeMillis());
                            st.setLong(4, run.endTimeMillis());
                            st.setString(5, runId);
                            st.executeUpdate();
                        }
                        writeTags(runId, startTags(run.run(), run.status()));
                        logBatchRows(runId, run.batch());
                        return null;
                    });
            deleteTree(artifacts);
            move(staged, artifacts);
        } catch (IOException e) {
            throw new TrackingException(
                    "MLflow SQLite store "
                            + file
                            + ": run "
                            + runId
                            + " is replaced but its artifacts could not be moved from "
                            + staged
                            + " to "
                            + artifacts
                            + ": "
                            + e,
                    e);
        } finally {
            deleteTree(staged);
        }
    }

    @Override
    public synchronized void logBatch(String runId, RunBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        write(
                "log to run " + runId,
                () -> {
                    requireRun(runId);
                    logBatchRows(runId, batch);
                    return null;
                });
    }

    @Override
    public synchronized void logArtifact(String runId, String artifactPath, Path source) {
        if (artifactPath == null || !MlflowNames.isNormalRelativePath(artifactPath)) {
            throw new IllegalArgumentException(
                    "run "
                            + runId
                            + ": artifact path '"
                            + artifactPath
                            + "' must be a plain relative path");
        }
        Path artifacts = localPath(getRun(runId).artifactUri(), runId);
        copyArtifacts(List.of(new StoredArtifact(artifactPath, source)), artifacts, "run " + runId);
    }

    @Override
    public synchronized void endRun(String runId, RunStatus status, long endTimeMillis) {
        write(
                "end run " + runId,
                () -> {
                    requireRun(runId);
                    try (var st =
                            connection.prepareStatement(
                                    "UPDATE runs SET status = ?, end_time = ? WHERE run_uuid = ?")) {
                        st.setString(1, status.name());
                        if (status.isTerminal()) {
                            st.setLong(2, endTimeMillis);
                        } else {
                            st.setNull(2, Types.BIGINT);
                        }
                        st.setString(3, runId);
                        st.executeUpdate();
                    }
                    if (status == RunStatus.RUNNING) {
                        writeTags(runId, Map.of(MlflowTags.WRITER, writer));
                    }
                    return null;
                });
    }

    @Override
    public synchronized List<ModelVersionRef> modelVersions(String name, String runId) {
        return read(
                "read versions of model '" + name + "'",
                () -> {
                    List<ModelVersionRef> out = new ArrayList<>();
                    try (var st =
                            connection.prepareStatement(
                                    "SELECT version, source FROM model_versions WHERE name = ? AND"
                                            + " run_id = ? AND workspace = ? ORDER BY version")) {
                        st.setString(1, name);
                        st.setString(2, runId);
                        st.setString(3, WORKSPACE);
                        try (var rs = st.executeQuery()) {
                            while (rs.next()) {
                                out.add(
                                        new ModelVersionRef(
                                                name,
                                                String.valueOf(rs.getInt(1)),
                                                rs.getString(2),
                                                runId));
                            }
                        }
                    }
                    return out;
                });
    }

    /**
     * Registers the run's artifact folder as the next version of a registered model, in MLflow's
     * registry tables (one transaction: the model if new, the version, its tags). The version's
     * source is the folder's {@code file:} URI, which {@code models:/name/version} resolves to.
     */
    @Override
    public synchronized ModelVersionRef registerModelVersion(
            String name,
            String runId,
            String artifactPath,
            Map<String, String> tags,
            String description) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a registered model needs a name");
        }
        String source = getRun(runId).artifactUri().replaceAll("/+$", "") + "/" + artifactPath;
        return write(
                "register model '" + name + "' from run " + runId,
                () -> {
                    long now = clock.millis();
                    try (var st =
                            connection.prepareStatement(
                                    "INSERT OR IGNORE INTO registered_models (name, creation_time,"
                                            + " last_updated_time, description, workspace)"
                                            + " VALUES (?, ?, ?, '', ?)")) {
                        st.setString(1, name);
                        st.setLong(2, now);
                        st.setLong(3, now);
                        st.setString(4, WORKSPACE);
                        st.executeUpdate();
                    }
                    int version;
                    try (var st =
                            connection.prepareStatement(
                                    "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions"
                                            + " WHERE name = ? AND workspace = ?")) {
                        st.setString(1, name);
                        st.setString(2, WORKSPACE);
                        try (var rs = st.executeQuery()) {
                            rs.next();
                            version = rs.getInt(1);
                        }
                    }
                    try (var st =
                            connection.prepareStatement(
                                    "INSERT INTO model_versions (name, version, creation_time,"
                                            + " last_updated_time, description, user_id,"
                                            + " current_stage, source, run_id, status,"
                                            + " status_message, run_link, storage_location,"
                                            + " workspace) VALUES (?, ?, ?, ?, ?, ?, 'None', ?, ?,"
                                            + " 'READY', NULL, '', ?, ?)")) {
                        st.setString(1, name);
                        st.setInt(2, version);
                        st.setLong(3, now);
                        st.setLong(4, now);
                        st.setString(5, description);
                        st.setString(6, user);
                        st.setString(7, source);
                        st.setString(8, runId);
                        st.setString(9, source);
                        st.setString(10, WORKSPACE);
                        st.executeUpdate();
                    }
                    try (var st =
                            connection.prepareStatement(
                                    "INSERT INTO model_version_tags (\"key\", value, name, version,"
                                            + " workspace) VALUES (?, ?, ?, ?, ?)")) {
                        for (Map.Entry<String, String> t : tags.entrySet()) {
                            st.setString(1, t.getKey());
                            st.setString(2, t.getValue());
                            st.setString(3, name);
                            st.setInt(4, version);
                            st.setString(5, WORKSPACE);
                            st.addBatch();
                        }
                        st.executeBatch();
                    }
                    try (var st =
                            connection.prepareStatement(
                                    "UPDATE registered_models SET last_updated_time = ? WHERE name"
                                            + " = ? AND workspace = ?")) {
                        st.setLong(1, now);
                        st.setString(2, name);
                        st.setString(3, WORKSPACE);
                        st.executeUpdate();
                    }
                    return new ModelVersionRef(name, String.valueOf(version), source, runId);
                });
    }

    @Override
    public synchronized TrackedRun getRun(String runId) {
        return read("read run " + runId, () -> readRun(runId));
    }

    @Override
    public synchronized List<TrackedRun> searchRuns(
            String experimentId, Map<String, String> tagsEqual) {
        long experiment = experimentNumber(experimentId);
        return read(
                "search runs of experiment " + experimentId,
                () -> {
                    var runs = new ArrayList<TrackedRun>();
                    for (String runId : activeRunIds(experiment, "start_time, run_uuid")) {
                        TrackedRun run = readRun(runId);
                        if (tagsEqual.entrySet().stream()
                                .allMatch(e -> e.getValue().equals(run.tags().get(e.getKey())))) {
                            runs.add(run);
                        }
                    }
                    return runs;
                });
    }

    @Override
    public synchronized List<String> runIds(String experimentId) {
        long experiment = experimentNumber(experimentId);
        return read(
                "list runs of experiment " + experimentId,
                () -> activeRunIds(experiment, "run_uuid"));
    }

    @Override
    public synchronized List<MetricPoint> metricHistory(String runId, String key) {
        MlflowNames.requireValidKey(key, "metric");
        return read(
                "read metric '" + key + "' of run " + runId,
                () -> {
                    requireRun(runId);
                    var points = new ArrayList<MetricPoint>();
                    try (var st =
                            connection.prepareStatement(
                                    "SELECT value, is_nan, timestamp, step FROM metrics"
                                            + " WHERE run_uuid = ? AND key = ? ORDER BY rowid")) {
                        st.setString(1, runId);
                        st.setString(2, key);
                        try (ResultSet rs = st.executeQuery()) {
                            while (rs.next()) {
                                points.add(
                                        new MetricPoint(
                                                key,
                                                rs.getBoolean(2) ? Double.NaN : rs.getDouble(1),
                                                rs.getLong(3),
                                                rs.getLong(4)));
                            }
                        }
                    }
                    return points;
                });
    }

    @Override
    public synchronized List<StoredArtifact> artifacts(String runId) {
        Path base = localPath(getRun(runId).artifactUri(), runId);
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(base)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".tmp-"))
                    .map(
                            f ->
                                    new StoredArtifact(
                                            base.relativize(f).toString().replace('\\', '/'), f))
                    .sorted(Comparator.comparing(StoredArtifact::artifactPath))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new TrackingException(
                    "MLflow SQLite store " + file + ": cannot list artifacts in " + base + ": " + e,
                    e);
        }
    }

    @Override
    public synchronized StoreCheck check() {
        return read(
                "check runs",
                () -> {
                    var partial = new ArrayList<StoreCheck.PartialRun>();
                    try (var st =
                                    connection.prepareStatement(
                                            "SELECT r.experiment_id, r.run_uuid, r.name, t.value"
                                                    + " FROM runs r LEFT JOIN tags t"
                                                    + " ON t.run_uuid = r.run_uuid AND t.key = ?"
                                                    + " WHERE r.status = 'RUNNING'"
                                                    + " AND r.lifecycle_stage = 'active'"
                                                    + " ORDER BY r.experiment_id, r.run_uuid");
                            ResultSet rs = bind(st, MlflowTags.WRITER).executeQuery()) {
                        while (rs.next()) {
                            String writerTag = rs.getString(4);
                            partial.add(
                                    new StoreCheck.PartialRun(
                                            Long.toString(rs.getLong(1)),
                                            rs.getString(2),
                                            rs.getString(3) == null ? "" : rs.getString(3),
                                            StoreCheck.runningProblem(
                                                    writerTag == null ? "" : writerTag.strip())));
                        }
                    }
                    return StoreCheck.of(file, partial);
                });
    }

    @Override
    public synchronized void reserveSpace(int bytes) {
        releaseSpace();
        Path filler = file.resolveSibling(tempName() + "-reserve");
        try {
            Files.write(filler, new byte[bytes]);
        } catch (IOException e) {
            deleteTree(filler);
            throw new TrackingException(
                    "MLflow SQLite store " + file + ": cannot write " + filler + ": " + e, e);
        }
        reserve = filler;
    }

    @Override
    public synchronized void releaseSpace() {
        if (reserve != null) {
            deleteTree(reserve);
            reserve = null;
        }
    }

    @Override
    public synchronized void close() {
        releaseSpace();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new TrackingException(
                    "MLflow SQLite store " + file + ": cannot close the database: " + e, e);
        }
    }

    // ---- schema ----

    private void initialise() {
        write(
                "create the database",
                () -> {
                    List<String> tables = new ArrayList<>();
                    try (Statement st = connection.createStatement();
                            ResultSet rs =
                                    st.executeQuery(
                                            "SELECT name FROM sqlite_master WHERE type = 'table'")) {
                        while (rs.next()) {
                            tables.add(rs.getString(1));
                        }
                    }
                    if (tables.isEmpty()) {
                        createSchema();
                        return null;
                    }
                    if (!tables.contains("alembic_version") || !tables.contains("runs")) {
                        throw new TrackingException(
                                "MLflow SQLite store "
                                        + file
                                        + " is not an MLflow tracking database (it has tables "
                                        + tables.stream().sorted().limit(10).toList()
                                        + " and no alembic_version/runs); name another file");
                    }
                    String revision;
                    try (Statement st = connection.createStatement();
                            ResultSet rs =
                                    st.executeQuery("SELECT version_num FROM alembic_version")) {
                        revision = rs.next() ? rs.getString(1) : "(none)";
                    }
                    if (!ALEMBIC_REVISION.equals(revision)) {
                        throw new TrackingException(
                                "MLflow SQLite store "
                                        + file
                                        + " is at schema revision "
                                        + revision
                                        + "; Frontier writes MLflow "
                                        + MLFLOW_VERSION
                                        + "'s revision "
                                        + ALEMBIC_REVISION
                                        + ". Upgrade it with `mlflow db upgrade "
                                        + TrackingUri.ofDatabase(file)
                                        + "` (MLflow "
                                        + MLFLOW_VERSION
                                        + ") or name another database file");
                    }
                    return null;
                });
    }

    private void createSchema() throws SQLException {
        String ddl;
        try (InputStream in = SqliteStore.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new TrackingException(
                        "MLflow SQLite store: the schema resource "
                                + SCHEMA_RESOURCE
                                + " is missing from the Frontier jar");
            }
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA_RESOURCE, e);
        }
        try (Statement st = connection.createStatement()) {
            for (String statement : schemaStatements(ddl)) {
                st.execute(statement);
            }
        }
        try (var st = connection.prepareStatement("INSERT INTO alembic_version VALUES (?)")) {
            st.setString(1, ALEMBIC_REVISION);
            st.executeUpdate();
        }
        insertExperiment(Long.parseLong(DEFAULT_EXPERIMENT_ID), "Default");
    }

    /** Splits the schema resource into statements (lines holding only "--;" separate them). */
    static List<String> schemaStatements(String ddl) {
        var statements = new ArrayList<String>();
        for (String part : ddl.split("(?m)^--;\\s*$")) {
            String body =
                    part.lines()
                            .filter(line -> !line.startsWith("-- "))
                            .reduce("", (a, b) -> a + b + "\n")
                            .strip();
            if (!body.isEmpty()) {
                statements.add(body);
            }
        }
        return statements;
    }

    // ---- writes (inside a transaction) ----

    private long insertExperiment(Long id, String name) throws SQLException {
        long now = clock.millis();
        long experimentId;
        try (var st =
                connection.prepareStatement(
                        "INSERT INTO experiments (experiment_id, name, artifact_location,"
                                + " lifecycle_stage, creation_time, last_update_time, workspace)"
                                + " VALUES (?, ?, NULL, 'active', ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            if (id == null) {
                st.setNull(1, Types.INTEGER);
            } else {
                st.setLong(1, id);
            }
            st.setString(2, name);
            st.setLong(3, now);
            st.setLong(4, now);
            st.setString(5, WORKSPACE);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id was generated for experiment '" + name + "'");
                }
                experimentId = keys.getLong(1);
            }
        }
        try (var st =
                connection.prepareStatement(
                        "UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?")) {
            st.setString(1, fileUri(artifactRoot.resolve(Long.toString(experimentId))));
            st.setLong(2, experimentId);
            st.executeUpdate();
        }
        tagExperimentKind(experimentId, true);
        return experimentId;
    }

    private void tagExperimentKind(long experimentId, boolean isNew) throws SQLException {
        try (var st =
                connection.prepareStatement(
                        (isNew ? "INSERT" : "INSERT OR IGNORE")
                                + " INTO experiment_tags (key, value, experiment_id)"
                                + " VALUES (?, ?, ?)")) {
            st.setString(1, MlflowTags.EXPERIMENT_KIND);
            st.setString(2, MlflowTags.CUSTOM_MODEL_DEVELOPMENT);
            st.setLong(3, experimentId);
            st.executeUpdate();
        }
    }

    private void insertRun(
            String experimentId, String runId, NewRun run, RunStatus status, long endTimeMillis)
            throws SQLException {
        long experiment = experimentNumber(experimentId);
        String location = experimentLocationRow(experiment);
        try (var st =
                connection.prepareStatement(
                        "INSERT INTO runs (run_uuid, name, source_type, source_name,"
                                + " entry_point_name, user_id, status, start_time, end_time,"
                                + " source_version, lifecycle_stage, artifact_uri, experiment_id,"
                                + " deleted_time) VALUES (?, ?, 'LOCAL', '', '', ?, ?, ?, ?, '',"
                                + " 'active', ?, ?, NULL)")) {
            st.setString(1, runId);
            st.setString(2, run.runName());
            st.setString(3, user);
            st.setString(4, status.name());
            st.setLong(5, run.startTimeMillis());
            if (status.isTerminal()) {
                st.setLong(6, endTimeMillis);
            } else {
                st.setNull(6, Types.BIGINT);
            }
            st.setString(7, location + "/" + runId + "/artifacts");
            st.setLong(8, experiment);
            st.executeUpdate();
        }
    }

    private Map<String, String> startTags(NewRun run, RunStatus status) {
        var tags = new LinkedHashMap<String, String>();
        tags.put(MlflowTags.USER, user);
        tags.put(MlflowTags.SOURCE_NAME, "frontier");
        tags.put(MlflowTags.SOURCE_TYPE, "LOCAL");
        tags.putAll(run.allTags());
        if (status == RunStatus.RUNNING) {
            tags.put(MlflowTags.WRITER, writer);
        }
        return tags;
    }

    private void logBatchRows(String runId, RunBatch batch) throws SQLException {
        for (var param : batch.params().entrySet()) {
            String old = null;
            try (var st =
                    connection.prepareStatement(
                            "SELECT value FROM params WHERE run_uuid = ? AND key = ?")) {
                st.setString(1, runId);
                st.setString(2, param.getKey());
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        old = rs.getString(1);
                    }
                }
            }
            if (old != null) {
                if (!old.equals(param.getValue())) {
                    throw new TrackingException(
                            "MLflow SQLite store "
                                    + file
                                    + ": run "
                                    + runId
                                    + " already has param '"
                                    + param.getKey()
                                    + "' = '"
                                    + old
                                    + "'; MLflow does not allow changing it to '"
                                    + param.getValue()
                                    + "'");
                }
                continue;
            }
            try (var st =
                    connection.prepareStatement(
                            "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)")) {
                st.setString(1, param.getKey());
                st.setString(2, param.getValue());
                st.setString(3, runId);
                st.executeUpdate();
            }
        }
        if (!batch.metrics().isEmpty()) {
            try (var insert =
                            connection.prepareStatement(
                                    "INSERT OR IGNORE INTO metrics (key, value, timestamp,"
                                            + " run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)");
                    var latest =
                            connection.prepareStatement(
                                    "INSERT INTO latest_metrics (key, value, timestamp, step,"
                                            + " is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)"
                                            + " ON CONFLICT (key, run_uuid) DO UPDATE SET"
                                            + " value = excluded.value,"
                                            + " timestamp = excluded.timestamp,"
                                            + " step = excluded.step, is_nan = excluded.is_nan"
                                            + " WHERE (excluded.step, excluded.timestamp,"
                                            + " excluded.value) > (latest_metrics.step,"
                                            + " latest_metrics.timestamp, latest_metrics.value)")) {
                for (MetricPoint point : batch.metrics()) {
                    boolean nan = Double.isNaN(point.value());
                    double value = storedValue(point.value());
                    for (PreparedStatement st : List.of(insert, latest)) {
                        st.setString(1, point.key());
                        st.setDouble(2, value);
                        st.setLong(3, point.timestampMillis());
                    }
                    insert.setString(4, runId);
                    insert.setLong(5, point.step());
                    insert.setBoolean(6, nan);
                    insert.executeUpdate();
                    latest.setLong(4, point.step());
                    latest.setBoolean(5, nan);
                    latest.setString(6, runId);
                    latest.executeUpdate();
                }
            }
        }
        writeTags(runId, batch.tags());
    }

    /** The value MLflow's SQL store keeps: 0 for NaN, ±Double.MAX_VALUE for infinities. */
    static double storedValue(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
        }
        return value;
    }

    private void writeTags(String runId, Map<String, String> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        try (var st =
                connection.prepareStatement(
                        "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)"
                                + " ON CONFLICT (key, run_uuid) DO UPDATE SET value = excluded.value")) {
            for (var tag : tags.entrySet()) {
                st.setString(1, tag.getKey());
                st.setString(2, tag.getValue());
                st.setString(3, runId);
                st.executeUpdate();
            }
        }
    }

    // ---- reads ----

    private TrackedRun readRun(String runId) throws SQLException {
        String experimentId;
        String name;
        RunStatus status;
        long start;
        OptionalLong end;
        String artifactUri;
        try (var st =
                connection.prepareStatement(
                        "SELECT experiment_id, name, status, start_time, end_time, artifact_uri"
                                + " FROM runs WHERE run_uuid = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw noRun(runId);
                }
                experimentId = Long.toString(rs.getLong(1));
                name = rs.getString(2);
                status = RunStatus.valueOf(rs.getString(3));
                start = rs.getLong(4);
                long endTime = rs.getLong(5);
                end = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(endTime);
                artifactUri = rs.getString(6);
            }
        }
        Map<String, String> params = keyValues("params", runId);
        Map<String, String> tags = keyValues("tags", runId);
        var metrics = new TreeMap<String, Double>();
        try (var st =
                connection.prepareStatement(
                        "SELECT key, value, is_nan FROM latest_metrics WHERE run_uuid = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    metrics.put(rs.getString(1), rs.getBoolean(3) ? Double.NaN : rs.getDouble(2));
                }
            }
        }
        return new TrackedRun(
                runId,
                experimentId,
                name == null ? tags.getOrDefault(MlflowTags.RUN_NAME, "") : name,
                status,
                start,
                end,
                params,
                metrics,
                tags,
                artifactUri);
    }

    private Map<String, String> keyValues(String table, String runId) throws SQLException {
        var map = new TreeMap<String, String>();
        try (var st =
                connection.prepareStatement(
                        "SELECT key, value FROM " + table + " WHERE run_uuid = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    map.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                }
            }
        }
        return map;
    }

    private List<String> activeRunIds(long experiment, String order) throws SQLException {
        var ids = new ArrayList<String>();
        try (var st =
                connection.prepareStatement(
                        "SELECT run_uuid FROM runs WHERE experiment_id = ?"
                                + " AND lifecycle_stage = 'active' ORDER BY "
                                + order)) {
            st.setLong(1, experiment);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private void requireRun(String runId) throws SQLException {
        try (var st = connection.prepareStatement("SELECT 1 FROM runs WHERE run_uuid = ?")) {
            st.setString(1, runId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw noRun(runId);
                }
            }
        }
    }

    private TrackingException noRun(String runId) {
        return new TrackingException("MLflow SQLite store " + file + ": no run " + runId);
    }

    private long experimentNumber(String experimentId) {
        if (experimentId == null || !experimentId.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(
                    "MLflow SQLite store "
                            + file
                            + ": invalid experiment id '"
                            + experimentId
                            + "' (a number)");
        }
        return Long.parseLong(experimentId);
    }

    private String experimentLocation(String experimentId) {
        long experiment = experimentNumber(experimentId);
        return read("read experiment " + experimentId, () -> experimentLocationRow(experiment));
    }

    private String experimentLocationRow(long experiment) throws SQLException {
        try (var st =
                connection.prepareStatement(
                        "SELECT artifact_location FROM experiments WHERE experiment_id = ?")) {
            st.setLong(1, experiment);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new TrackingException(
                            "MLflow SQLite store " + file + ": no experiment " + experiment);
                }
                String location = rs.getString(1);
                return location == null
                        ? fileUri(artifactRoot.resolve(Long.toString(experiment)))
                        : location.replaceAll("/+$", "");
            }
        }
    }

    // ---- artifacts ----

    private Path artifactDir(String experimentLocation, String runId) {
        return localPath(experimentLocation + "/" + runId + "/artifacts", runId);
    }

    /** The local folder of an artifact URI ({@code file:///…} or a plain path). */
    private Path localPath(String artifactUri, String runId) {
        try {
            if (artifactUri.startsWith("file:")) {
                return Path.of(URI.create(artifactUri));
            }
            if (!artifactUri.contains(":/") || artifactUri.matches("[A-Za-z]:[/\\\\].*")) {
                return Path.of(artifactUri);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new TrackingException(
                "MLflow SQLite store "
                        + file
                        + ": run "
                        + runId
                        + " keeps its artifacts at "
                        + artifactUri
                        + ", which is not a local folder; Frontier writes local artifacts only");
    }

    private void copyArtifacts(List<StoredArtifact> artifacts, Path base, String what) {
        for (StoredArtifact artifact : artifacts) {
            Path target = base.resolve(artifact.artifactPath());
            if (!Files.isRegularFile(artifact.file())) {
                throw new TrackingException(
                        "MLflow SQLite store "
                                + file
                                + ": artifact source "
                                + artifact.file()
                                + " of "
                                + what
                                + " is not a readable file");
            }
            Path tmp = null;
            try {
                Files.createDirectories(target.getParent());
                tmp = target.resolveSibling(tempName());
                Files.copy(artifact.file(), tmp);
                move(tmp, target);
            } catch (IOException e) {
                throw new TrackingException(
                        "MLflow SQLite store "
                                + file
                                + ": cannot write artifact "
                                + target
                                + " of "
                                + what
                                + ": "
                                + e,
                        e);
            } finally {
                if (tmp != null) {
                    deleteTree(tmp);
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        Files.createDirectories(to.getParent());
        try {
            Files.move(
                    from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temporary is named as one
        }
    }

    private static String fileUri(Path dir) {
        return dir.toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
    }

    private static String tempName() {
        return ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    private static String newRunId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static PreparedStatement bind(PreparedStatement st, String value) throws SQLException {
        st.setString(1, value);
        return st;
    }

    // ---- transactions ----

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in one {@code BEGIN IMMEDIATE} transaction: all of it or nothing. */
    private <T> T write(String what, Work<T> work) {
        return transaction("BEGIN IMMEDIATE", what, work);
    }

    /** Runs {@code work} in one read transaction, so that it sees one committed state. */
    private <T> T read(String what, Work<T> work) {
        return transaction("BEGIN DEFERRED", what, work);
    }

    private <T> T transaction(String begin, String what, Work<T> work) {
        try (Statement st = connection.createStatement()) {
            st.execute(begin);
        } catch (SQLException e) {
            throw new TrackingException(
                    "MLflow SQLite store " + file + ": cannot " + what + ": " + e.getMessage(), e);
        }
        try {
            T result = work.run();
            try (Statement st = connection.createStatement()) {
                st.execute("COMMIT");
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            try (Statement st = connection.createStatement()) {
                st.execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof TrackingException || e instanceof IllegalArgumentException) {
                throw (RuntimeException) e;
            }
            throw new TrackingException(
                    "MLflow SQLite store " + file + ": cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
