package dev.frontier.tracking.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.CompleteRun;
import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.StoredArtifact;
import dev.frontier.tracking.StoredExperiment;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.file.StoreCheck;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    @TempDir Path dir;

    private SqliteStore open() {
        return SqliteStore.open(dir.resolve("mlruns.db"), CLOCK, "ana");
    }

    private List<List<String>> query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mlruns.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            var rows = new ArrayList<List<String>>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new ArrayList<String>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mlruns.db"));
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Test
    void schemaResource_isMlflowsDdlAtThePinnedRevision() throws Exception {
        String ddl;
        try (InputStream in = SqliteStore.class.getResourceAsStream(SqliteStore.SCHEMA_RESOURCE)) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(
                ddl.startsWith(
                        "-- MLflow "
                                + SqliteStore.MLFLOW_VERSION
                                + " tracking schema, alembic revision "
                                + SqliteStore.ALEMBIC_REVISION
                                + "\n"),
                ddl.lines().findFirst().orElse(""));
        List<String> statements = SqliteStore.schemaStatements(ddl);
        assertEquals(
                "CREATE TABLE alembic_version (",
                statements.get(0).lines().findFirst().orElseThrow());
        assertTrue(statements.size() > 100, "statements: " + statements.size());
        assertTrue(statements.stream().noneMatch(s -> s.startsWith("-- ")));
        assertTrue(
                statements.stream().anyMatch(s -> s.startsWith("CREATE TRIGGER")),
                "the trigger (with ';' inside) stays one statement");
    }

    @Test
    void open_createsSchemaRevisionDefaultExperimentAndKind() throws Exception {
        try (SqliteStore store = open()) {
            assertEquals(dir.resolve("mlruns.db"), store.location());
            assertEquals("sqlite:///" + dir.resolve("mlruns.db"), store.uri().value());
            assertEquals(dir.resolve("mlruns-artifacts"), store.artifactRoot());
            assertEquals(List.of(new StoredExperiment("0", "Default")), store.experiments());
        }
        assertEquals(List.of(List.of("dc11669786a5")), query("SELECT * FROM alembic_version"));
        assertEquals(
                List.of(
                        List.of(
                                "0",
                                "Default",
                                dir.resolve("mlruns-artifacts/0")
                                        .toUri()
                                        .toString()
                                        .replaceAll("/$", ""),
                                "active",
                                "1700000000000",
                                "default")),
                query(
                        "SELECT experiment_id, name, artifact_location, lifecycle_stage,"
                                + " creation_time, workspace FROM experiments"));
        assertEquals(
                List.of(List.of("mlflow.experimentKind", "custom_model_development", "0")),
                query("SELECT key, value, experiment_id FROM experiment_tags"));
        // reopening an up-to-date database changes nothing
        try (SqliteStore store = open()) {
            assertEquals(1, store.experiments().size());
        }
    }

    @Test
    void open_refusesAnotherRevision_namingTheFile() throws Exception {
        open().close();
        execute("UPDATE alembic_version SET version_num = '1b5f0d9ad7c1'");
        var e = assertThrows(TrackingException.class, this::open);
        assertTrue(e.getMessage().contains(dir.resolve("mlruns.db").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("revision 1b5f0d9ad7c1"), e.getMessage());
        assertTrue(e.getMessage().contains("dc11669786a5"), e.getMessage());
        assertTrue(e.getMessage().contains("mlflow db upgrade sqlite:///"), e.getMessage());
    }

    @Test
    void open_refusesADatabaseThatIsNotMlflows() throws Exception {
        execute("CREATE TABLE notes (x TEXT)");
        var e = assertThrows(TrackingException.class, this::open);
        assertTrue(
                e.getMessage()
                        .contains("is not an MLflow tracking database (it has tables [notes]"),
                e.getMessage());
        assertEquals(List.of(List.of("notes")), query("SELECT name FROM sqlite_master"));
    }

    @Test
    void open_refusesADirectory() throws Exception {
        Files.createDirectories(dir.resolve("mlruns.db"));
        var e = assertThrows(TrackingException.class, this::open);
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void getOrCreateExperiment_numbersFromOne_tagsKind_andFindsIt() throws Exception {
        try (SqliteStore store = open()) {
            assertEquals("1", store.getOrCreateExperiment("mnist: prune"));
            assertEquals("1", store.getOrCreateExperiment("mnist: prune"));
            assertEquals("2", store.getOrCreateExperiment("other"));
            assertEquals(Optional.of("2"), store.findExperiment("other"));
            assertEquals(Optional.empty(), store.findExperiment("none"));
        }
        execute("DELETE FROM experiment_tags WHERE experiment_id = 1"); // made before the tag
        try (SqliteStore store = open()) {
            assertEquals("1", store.getOrCreateExperiment("mnist: prune"));
        }
        assertEquals(
                List.of(List.of("0"), List.of("1"), List.of("2")),
                query(
                        "SELECT experiment_id FROM experiment_tags WHERE key ="
                                + " 'mlflow.experimentKind' AND value = 'custom_model_development'"
                                + " ORDER BY experiment_id"));
    }

    @Test
    void runLifecycle_paramsMetricsTagsStatus_readBack() throws Exception {
        try (SqliteStore store = open()) {
            String exp = store.getOrCreateExperiment("e");
            String run =
                    store.createRun(
                            exp, NewRun.named("T1-b8", 1000).withTags(Map.of("trial_id", "T1")));
            store.logBatch(
                    run,
                    RunBatch.of(
                            Map.of("quantize.bits", "8"),
                            List.of(
                                    new MetricPoint("train_loss", 0.9, 1001, 0),
                                    new MetricPoint("train_loss", 0.5, 1002, 1),
                                    new MetricPoint("train_loss", 0.7, 1003, 0),
                                    new MetricPoint("nan", Double.NaN, 1004, 0),
                                    new MetricPoint("inf", Double.POSITIVE_INFINITY, 1004, 0)),
                            Map.of("pareto", "false")));
            store.logBatch(run, RunBatch.ofTags(Map.of("pareto", "true")));
            TrackedRun running = store.getRun(run);
            assertEquals(RunStatus.RUNNING, running.status());
            assertEquals(OptionalLong.empty(), running.endTimeMillis());
            assertEquals(StoreCheck.thisWriter(), running.tags().get("frontier.writer"));
            store.endRun(run, RunStatus.FINISHED, 2000);

            TrackedRun read = store.getRun(run);
            assertEquals(exp, read.experimentId());
            assertEquals("T1-b8", read.runName());
            assertEquals(RunStatus.FINISHED, read.status());
            assertEquals(1000, read.startTimeMillis());
            assertEquals(OptionalLong.of(2000), read.endTimeMillis());
            assertEquals(Map.of("quantize.bits", "8"), read.params());
            assertEquals(0.5, read.metrics().get("train_loss")); // highest step wins
            assertTrue(Double.isNaN(read.metrics().get("nan")));
            assertEquals(Double.MAX_VALUE, read.metrics().get("inf"));
            assertEquals("true", read.tags().get("pareto"));
            assertEquals("T1", read.tags().get("trial_id"));
            assertEquals("T1-b8", read.tags().get("mlflow.runName"));
            assertEquals("ana", read.tags().get("mlflow.user"));
            assertEquals(
                    dir.resolve("mlruns-artifacts")
                            .resolve(exp)
                            .resolve(run)
                            .resolve("artifacts")
                            .toUri()
                            .toString()
                            .replaceAll("/$", ""),
                    read.artifactUri());
            assertEquals(
                    List.of(
                            new MetricPoint("train_loss", 0.9, 1001, 0),
                            new MetricPoint("train_loss", 0.5, 1002, 1),
                            new MetricPoint("train_loss", 0.7, 1003, 0)),
                    store.metricHistory(run, "train_loss"));
            assertEquals(List.of(), store.metricHistory(run, "never"));
        }
        assertEquals(
                List.of(List.of("FINISHED", "LOCAL", "ana", "active")),
                query("SELECT status, source_type, user_id, lifecycle_stage FROM runs"));
        assertEquals(
                List.of(List.of("0.0", "1")),
                query("SELECT value, is_nan FROM metrics WHERE key = 'nan'"));
    }

    @Test
    void logBatch_identicalPointOnce_equalParamAgainIsFine() throws Exception {
        try (SqliteStore store = open()) {
            String run = store.createRun(store.getOrCreateExperiment("e"), NewRun.named("r", 1));
            var batch =
                    RunBatch.of(
                            Map.of("p", "1"), List.of(new MetricPoint("m", 0.25, 5, 2)), Map.of());
            store.logBatch(run, batch);
            store.logBatch(run, batch);
            assertEquals(List.of(new MetricPoint("m", 0.25, 5, 2)), store.metricHistory(run, "m"));
            assertEquals(Map.of("p", "1"), store.getRun(run).params());
        }
    }

    @Test
    void logBatch_isOneTransaction_aChangedParamLeavesNothingOfTheBatch() throws Exception {
        try (SqliteStore store = open()) {
            String run = store.createRun(store.getOrCreateExperiment("e"), NewRun.named("r", 1));
            store.logBatch(run, RunBatch.ofParams(Map.of("bits", "8")));
            var e =
                    assertThrows(
                            TrackingException.class,
                            () ->
                                    store.logBatch(
                                            run,
                                            RunBatch.of(
                                                    Map.of("other", "x", "bits", "4"),
                                                    List.of(new MetricPoint("acc", 0.9, 5, 0)),
                                                    Map.of("t", "v"))));
            assertTrue(
                    e.getMessage()
                            .contains(
                                    "already has param 'bits' = '8'; MLflow does not allow"
                                            + " changing it to '4'"),
                    e.getMessage());
            TrackedRun read = store.getRun(run);
            assertEquals(Map.of("bits", "8"), read.params());
            assertEquals(Map.of(), read.metrics());
            assertFalse(read.tags().containsKey("t"));
        }
        assertEquals(List.of(), query("SELECT * FROM metrics"));
    }

    @Test
    void unknownRunAndExperiment_failNamingThem() {
        try (SqliteStore store = open()) {
            var noRun = assertThrows(TrackingException.class, () -> store.getRun("abc"));
            assertTrue(noRun.getMessage().endsWith(": no run abc"), noRun.getMessage());
            assertThrows(
                    TrackingException.class,
                    () -> store.logBatch("abc", RunBatch.ofTags(Map.of("a", "b"))));
            var noExp =
                    assertThrows(
                            TrackingException.class,
                            () -> store.createRun("7", NewRun.named("r", 1)));
            assertTrue(noExp.getMessage().contains("no experiment 7"), noExp.getMessage());
            assertThrows(IllegalArgumentException.class, () -> store.searchRuns("x", Map.of()));
        }
    }

    @Test
    void createCompleteRun_writesAllAtOnce_withArtifactsNextToTheDatabase() throws Exception {
        Path model = Files.writeString(dir.resolve("model.fqz"), "weights");
        try (SqliteStore store = open()) {
            String exp = store.getOrCreateExperiment("e");
            String parent = store.createRun(exp, NewRun.named("sweep", 10));
            String child =
                    store.createCompleteRun(
                            exp,
                            new CompleteRun(
                                    NewRun.named("T1", 20).withParent(parent),
                                    RunBatch.of(
                                            Map.of("bits", "8"),
                                            List.of(new MetricPoint("accuracy", 0.91, 21, 0)),
                                            Map.of("trial_id", "T1")),
                                    List.of(new StoredArtifact("model/model.fqz", model)),
                                    RunStatus.FINISHED,
                                    30));
            TrackedRun read = store.getRun(child);
            assertEquals(RunStatus.FINISHED, read.status());
            assertEquals(OptionalLong.of(30), read.endTimeMillis());
            assertEquals(Optional.of(parent), read.parentRunId());
            assertEquals(0.91, read.metrics().get("accuracy"));
            assertFalse(read.tags().containsKey("frontier.writer"));
            Path stored =
                    dir.resolve(
                            "mlruns-artifacts/" + exp + "/" + child + "/artifacts/model/model.fqz");
            assertEquals(
                    List.of(new StoredArtifact("model/model.fqz", stored)), store.artifacts(child));
            assertEquals("weights", Files.readString(stored));
            assertEquals(
                    List.of(child),
                    store.searchRuns(exp, Map.of("mlflow.parentRunId", parent)).stream()
                            .map(TrackedRun::runId)
                            .toList());
            assertEquals(
                    List.of(parent, child),
                    store.searchRuns(exp, Map.of()).stream().map(TrackedRun::runId).toList());
            assertEquals(List.of(child, parent).stream().sorted().toList(), store.runIds(exp));
        }
    }

    @Test
    void createCompleteRun_withAMissingArtifact_leavesNoRunAndNoFolder() throws Exception {
        try (SqliteStore store = open()) {
            String exp = store.getOrCreateExperiment("e");
            var e =
                    assertThrows(
                            TrackingException.class,
                            () ->
                                    store.createCompleteRun(
                                            exp,
                                            new CompleteRun(
                                                    NewRun.named("T1", 20),
                                                    RunBatch.EMPTY,
                                                    List.of(
                                                            new StoredArtifact(
                                                                    "m", dir.resolve("gone"))),
                                                    RunStatus.FINISHED,
                                                    30)));
            assertTrue(e.getMessage().contains("is not a readable file"), e.getMessage());
            assertEquals(List.of(), store.runIds(exp));
            assertFalse(Files.exists(dir.resolve("mlruns-artifacts/" + exp)));
        }
    }

    @Test
    void replaceRun_swapsContentAndArtifacts_keepingTheId() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "old");
        Path b = Files.writeString(dir.resolve("b.txt"), "new");
        try (SqliteStore store = open()) {
            String exp = store.getOrCreateExperiment("e");
            String run = store.createRun(exp, NewRun.named("T1", 5));
            store.logBatch(
                    run,
                    RunBatch.of(
                            Map.of("bits", "8"),
                            List.of(new MetricPoint("loss", 1.0, 6, 0)),
                            Map.of()));
            store.logArtifact(run, "old/a.txt", a);
            store.replaceRun(
                    run,
                    new CompleteRun(
                            NewRun.named("T1", 50),
                            RunBatch.of(
                                    Map.of("bits", "4"),
                                    List.of(new MetricPoint("loss", 0.5, 51, 0)),
                                    Map.of()),
                            List.of(new StoredArtifact("new/b.txt", b)),
                            RunStatus.FAILED,
                            60));
            TrackedRun read = store.getRun(run);
            assertEquals(RunStatus.FAILED, read.status());
            assertEquals(50, read.startTimeMillis());
            assertEquals(Map.of("bits", "4"), read.params());
            assertEquals(
                    List.of(new MetricPoint("loss", 0.5, 51, 0)), store.metricHistory(run, "loss"));
            assertEquals(
                    List.of("new/b.txt"),
                    store.artifacts(run).stream().map(StoredArtifact::artifactPath).toList());
            assertFalse(read.tags().containsKey("frontier.writer"));
        }
    }

    @Test
    void check_listsRunsStillRunning_withTheirWriter() throws Exception {
        try (SqliteStore store = open()) {
            String exp = store.getOrCreateExperiment("e");
            String live = store.createRun(exp, NewRun.named("live", 1));
            String dead = store.createRun(exp, NewRun.named("dead", 2));
            String done = store.createRun(exp, NewRun.named("done", 3));
            store.endRun(done, RunStatus.FINISHED, 4);
            store.setTags(
                    dead,
                    Map.of("frontier.writer", "999999999@" + hostOf(StoreCheck.thisWriter())));
            StoreCheck check = store.check();
            assertEquals(
                    List.of(live, dead).stream().sorted().toList(),
                    check.partialRuns().keySet().stream().sorted().toList());
            assertTrue(
                    check.partialRuns()
                            .get(live)
                            .reason()
                            .startsWith(
                                    "it is still RUNNING in process "
                                            + ProcessHandle.current().pid()),
                    check.partialRuns().get(live).reason());
            assertTrue(
                    check.partialRuns().get(dead).reason().contains("has ended"),
                    check.partialRuns().get(dead).reason());
            assertEquals("dead", check.partialRuns().get(dead).runName());
            assertEquals(List.of(), check.repaired());
        }
    }

    private static String hostOf(String writer) {
        return writer.substring(writer.indexOf('@') + 1);
    }

    @Test
    void twoStoresOnOneFile_writeConcurrently_losingNothing() throws Exception {
        String exp;
        try (SqliteStore store = open()) {
            exp = store.getOrCreateExperiment("e");
        }
        int perWriter = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int w = 0; w < 2; w++) {
                int writerIndex = w;
                futures.add(
                        pool.submit(
                                () -> {
                                    try (SqliteStore store = open()) {
                                        String run =
                                                store.createRun(
                                                        exp, NewRun.named("w" + writerIndex, 1));
                                        for (int i = 0; i < perWriter; i++) {
                                            store.logBatch(
                                                    run,
                                                    RunBatch.ofMetrics(
                                                            List.of(
                                                                    new MetricPoint(
                                                                            "m", i, 100 + i, i))));
                                        }
                                        store.endRun(run, RunStatus.FINISHED, 500);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(List.of("80")), query("SELECT COUNT(*) FROM metrics"));
        assertEquals(
                List.of(List.of("39.0"), List.of("39.0")),
                query("SELECT value FROM latest_metrics ORDER BY run_uuid"));
    }

    @Test
    void reserveSpace_leavesAFillerNextToTheDatabase_untilReleased() throws Exception {
        try (SqliteStore store = open()) {
            store.reserveSpace(4096);
            List<Path> fillers;
            try (var list = Files.list(dir)) {
                fillers =
                        list.filter(p -> p.getFileName().toString().endsWith("-reserve")).toList();
            }
            assertEquals(1, fillers.size());
            assertEquals(4096, Files.size(fillers.get(0)));
            store.releaseSpace();
            assertFalse(Files.exists(fillers.get(0)));
        }
    }
}
