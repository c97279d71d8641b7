package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.sqlite.SqliteStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed (SIGKILL) in the middle of its batches leaves the SQLite store whole:
 * every run holds whole batches only, its latest metric matches its history, and the database
 * passes SQLite's integrity check.
 */
@Tag("integration")
class SqliteKillIntegrationTest {

    private static final int BATCH = 3000;

    @TempDir Path dir;

    @Test
    void killedWriter_leavesOnlyWholeBatches() throws Exception {
        Path db = dir.resolve("mlruns.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                SqliteWriterMain.class.getName(),
                                db.toString(),
                                Integer.toString(BATCH))
                        .redirectError(dir.resolve("writer.err").toFile())
                        .start();
        int committed = -1;
        try (var out =
                new BufferedReader(
                        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                committed = Integer.parseInt(line.substring("batch ".length()));
                if (committed == 12) {
                    Thread.sleep(7); // into the next batch's transaction
                    writer.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback
                    break;
                }
            }
        }
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the writer did not die");
        assertEquals(12, committed, "the writer stopped early; see " + dir.resolve("writer.err"));

        // a journal left behind means the kill cut a transaction short (SQLite rolls it back)
        System.err.println(
                "killed after batch 12; hot journal left: "
                        + Files.exists(dir.resolve("mlruns.db-journal")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            String exp = store.findExperiment("kill").orElseThrow();
            List<TrackedRun> runs = store.searchRuns(exp, Map.of());
            int points = 0;
            int params = 0;
            for (TrackedRun run : runs) {
                List<MetricPoint> history = store.metricHistory(run.runId(), "m");
                assertEquals(0, history.size() % BATCH, run.runName() + ": a partial batch");
                assertEquals(history.size() / BATCH, run.params().size(), run.runName());
                if (!history.isEmpty()) {
                    assertEquals((double) BATCH - 1, run.metrics().get("m"), run.runName());
                }
                points += history.size();
                params += run.params().size();
            }
            assertTrue(params >= 13 && params <= 14, "batches kept: " + params);
            assertEquals(params * BATCH, points);
            System.err.println("runs " + runs.size() + ", whole batches kept " + params);
        }
    }
}
