package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frontier sync} and {@code frontier ui} with the SQLite default and old file stores. */
class StoreCommandsTest {

    @TempDir Path dir;

    @Test
    void sync_copiesAnOldFileStoreIntoTheSqliteDatabase() {
        FileStore old = FileStore.open(dir.resolve("mlruns"), Clock.systemUTC(), "ana");
        String exp = old.getOrCreateExperiment("old-sweeps");
        String run = old.createRun(exp, NewRun.named("T1-b8", 1000));
        old.logBatch(
                run,
                RunBatch.of(
                        Map.of("quantize.bits", "8"),
                        List.of(new MetricPoint("accuracy", 0.91, 1001, 0)),
                        Map.of()));
        old.endRun(run, RunStatus.FINISHED, 1002);
        Path db = dir.resolve("mlruns.db");

        CliRun r =
                CliRun.of(
                        "sync",
                        "--from",
                        dir.resolve("mlruns").toString(),
                        "--to",
                        "sqlite:///" + db);

        assertEquals(0, r.code(), r.text());
        assertTrue(r.text().contains("-> sqlite:///" + db + ": "), r.text());
        try (SqliteStore store = SqliteStore.open(db)) {
            List<TrackedRun> runs =
                    store.searchRuns(store.findExperiment("old-sweeps").orElseThrow(), Map.of());
            assertEquals(List.of("T1-b8"), runs.stream().map(TrackedRun::runName).toList());
            assertEquals(0.91, runs.get(0).metrics().get("accuracy"));
            assertEquals(Map.of("quantize.bits", "8"), runs.get(0).params());
        }
    }

    @Test
    void sync_fromNothing_saysWhereSweepsKeepTheirRuns() {
        CliRun r =
                CliRun.of(
                        "sync",
                        "--from",
                        dir.resolve("nothing.db").toString(),
                        "--to",
                        "http://127.0.0.1:9");
        assertEquals(2, r.code(), r.text());
        assertTrue(r.text().contains("no such database or directory"), r.text());
        assertTrue(r.text().contains("./mlruns.db"), r.text());
    }

    @Test
    void ui_withoutAStore_namesIt() {
        CliRun r = CliRun.of("ui", "--store", dir.resolve("mlruns.db").toString());
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text().contains(dir.resolve("mlruns.db") + ": no such database or directory"),
                r.text());
    }
}
