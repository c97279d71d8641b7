package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.sqlite.SqliteStore;
import dev.frontier.tracking.sweep.SweepTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frontier register SWEEP TRIAL} on the embedded SQLite store. */
class RegisterCommandTest {

    @TempDir Path dir;

    @Test
    void register_makesTheNewestRunOfTheTrialAVersion_taggedWithItsFigures() throws Exception {
        Path db = dir.resolve("mlruns.db");
        String newest;
        try (SqliteStore store = SqliteStore.open(db)) {
            String exp = store.getOrCreateExperiment("quickstart");
            for (int i = 0; i < 2; i++) {
                String run = store.createRun(exp, NewRun.named("t07-r50-b8", 1000 + i));
                store.logBatch(
                        run,
                        RunBatch.of(
                                Map.of("prune.ratio", "0.5"),
                                List.of(new MetricPoint("accuracy", 0.90 + i / 100.0, 1001, 0)),
                                Map.of(SweepTags.TRIAL_ID, "t07")));
                store.logArtifact(
                        run,
                        "model/model.onnx",
                        Files.write(dir.resolve("m.onnx"), new byte[] {1}));
                store.endRun(run, RunStatus.FINISHED, 1002);
                newest = run;
            }
            newest = store.searchRuns(exp, Map.of(SweepTags.TRIAL_ID, "t07")).get(1).runId();
        }
        CliRun r = CliRun.of("register", "quickstart", "t07", "--tracking-uri", "sqlite:///" + db);
        assertEquals(0, r.code(), r.text());
        assertTrue(
                r.text().contains("registered model 'quickstart' version 1 from run " + newest),
                r.text());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var st =
                        c.prepareStatement(
                                "SELECT v.run_id, t.value FROM model_versions v JOIN"
                                        + " model_version_tags t ON t.name = v.name AND t.version ="
                                        + " v.version WHERE v.name = 'quickstart' AND t.key ="
                                        + " 'accuracy'");
                var rs = st.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(newest, rs.getString(1));
            assertEquals("0.91", rs.getString(2));
        }

        CliRun missing =
                CliRun.of("register", "quickstart", "t99", "--tracking-uri", "sqlite:///" + db);
        assertEquals(2, missing.code(), missing.text());
        assertTrue(missing.text().contains("no run of trial 't99'"), missing.text());
    }
}
