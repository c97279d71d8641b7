package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.sweep.ArtifactFile;
import dev.frontier.tracking.sweep.SweepFinish;
import dev.frontier.tracking.sweep.SweepLogReport;
import dev.frontier.tracking.sweep.SweepLogger;
import dev.frontier.tracking.sweep.SweepStart;
import dev.frontier.tracking.sweep.SweepTracking;
import dev.frontier.tracking.sweep.TrialRecord;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What MLflow's own Python client sees of a searched sweep in the SQLite store: a trial stopped
 * early is a child run ended KILLED with the tags {@code status: STOPPED} and {@code stop_reason}
 * and the metrics it was judged on; the sweep's hypervolume-vs-trials PNG is an artifact of the
 * parent run that the client lists and downloads byte for byte.
 */
@Tag("integration")
class StoppedTrialPythonIntegrationTest {

    @TempDir Path dir;

    private static final String SCRIPT =
            """
      import json, sys, mlflow
      mlflow.set_tracking_uri(sys.argv[1])
      client = mlflow.MlflowClient()
      df = mlflow.search_runs(experiment_names=["py-stop"])
      out = {}
      for _, r in df.iterrows():
          run = client.get_run(r["run_id"])
          out[run.info.run_name] = {"status": run.info.status,
              "tag": run.data.tags.get("status"), "reason": run.data.tags.get("stop_reason"),
              "val": run.data.metrics.get("stop_val_accuracy"),
              "charts": sorted(f.path for f in client.list_artifacts(r["run_id"], "charts"))}
          if out[run.info.run_name]["charts"]:
              local = client.download_artifacts(r["run_id"], "charts/hypervolume_vs_trials.png", sys.argv[2])
              out[run.info.run_name]["png"] = open(local, "rb").read().hex()
      print(json.dumps(out, sort_keys=True))
      """;

    @Test
    void pythonClient_seesTheStoppedChildAndTheParentsCurve() throws Exception {
        MlflowEnv mlflow = MlflowEnv.provision();
        Path db = dir.resolve("mlruns.db");
        Path png = dir.resolve("hypervolume_vs_trials.png");
        ImageIO.write(new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        String reason =
                "stopped after 1 epoch of its own training (stage prune): validation accuracy"
                        + " 41.00% at an estimated 900 B; T1 (T1-b8) is 45.00 pts more accurate"
                        + " (margin 2.00) at an estimated 900 B";
        SweepLogReport report;
        try (SweepLogger log =
                SweepLogger.start(
                        SweepTracking.open(
                                TrackingUri.ofDatabase(db),
                                dir,
                                dir.resolve("unused"),
                                Map.of(),
                                Clock.systemUTC()),
                        new SweepStart(
                                "py-stop",
                                "s1",
                                "sweep-s1",
                                "h",
                                "c",
                                "0.1.0",
                                Map.of(),
                                List.of()))) {
            log.logTrial(
                    TrialRecord.ok(
                            "T1",
                            "T1-b8",
                            "prune",
                            Map.of(),
                            Map.of("accuracy", 0.86),
                            Map.of(),
                            List.of()));
            log.logTrial(
                    TrialRecord.stopped(
                            "T2",
                            "T2-b8",
                            "prune",
                            Map.of(),
                            reason,
                            Map.of("stop_val_accuracy", 0.41)));
            report =
                    log.finish(
                            SweepFinish.finished(
                                    Map.of("hypervolume", 0.3),
                                    Map.of("T1", 1, "T2", 0),
                                    List.of(ArtifactFile.in("charts", png))));
        }
        assertEquals(List.of(), report.problems());
        Path script = Files.writeString(dir.resolve("read.py"), SCRIPT);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        var builder =
                new ProcessBuilder(
                        mlflow.python().toString(),
                        script.toString(),
                        TrackingUri.ofDatabase(db).value(),
                        downloads.toString());
        builder.environment().remove("MLFLOW_ALLOW_FILE_STORE");
        builder.environment().remove("MLFLOW_TRACKING_URI");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, process.exitValue(), "python failed: " + err);
        String json = out.strip().lines().reduce((a, b) -> b).orElse("");
        StringBuilder hex = new StringBuilder();
        for (byte b : Files.readAllBytes(png)) {
            hex.append(String.format("%02x", b));
        }
        assertEquals(
                "{\"T1-b8\": {\"charts\": [], \"reason\": null, \"status\": \"FINISHED\", \"tag\":"
                        + " \"OK\", \"val\": null}, "
                        + "\"T2-b8\": {\"charts\": [], \"reason\": \""
                        + reason
                        + "\", \"status\": \"KILLED\", \"tag\": \"STOPPED\", \"val\": 0.41}, "
                        + "\"sweep-s1\": {\"charts\": [\"charts/hypervolume_vs_trials.png\"],"
                        + " \"png\": \""
                        + hex
                        + "\", \"reason\": null, \"status\": \"FINISHED\", \"tag\": \"FINISHED\","
                        + " \"val\": null}}",
                json);
    }
}
