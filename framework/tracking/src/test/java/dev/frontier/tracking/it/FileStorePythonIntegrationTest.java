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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class FileStorePythonIntegrationTest {

    @TempDir Path dir;

    private static final String SCRIPT =
            """
      import json, sys, mlflow
      mlflow.set_tracking_uri("file:" + sys.argv[1])
      client = mlflow.MlflowClient()
      df = mlflow.search_runs(experiment_names=["py-it"], order_by=["attributes.start_time ASC"])
      rows = []
      for _, r in df.iterrows():
          rows.append({"name": r["tags.mlflow.runName"], "status": r["status"],
                       "parent": r.get("tags.mlflow.parentRunId") if isinstance(r.get("tags.mlflow.parentRunId"), str) else "",
                       "run_id": r["run_id"],
                       "accuracy": None if r.get("metrics.accuracy") != r.get("metrics.accuracy") else r.get("metrics.accuracy"),
                       "pareto": r.get("tags.pareto") if isinstance(r.get("tags.pareto"), str) else "",
                       "bits": r.get("params.quantize.bits") if isinstance(r.get("params.quantize.bits"), str) else "",
                       "curve": [m.value for m in client.get_metric_history(r["run_id"], "train_loss")],
                       "artifacts": [f.path for f in client.list_artifacts(r["run_id"])]})
      rows.sort(key=lambda x: (x["parent"] != "", x["name"]))
      print(json.dumps(rows))
      """;

    @Test
    void pythonSearchRuns_readsSweepWrittenByJava() throws Exception {
        MlflowEnv mlflow = MlflowEnv.provision();
        Path store = dir.resolve("mlruns");
        Path model = Files.writeString(dir.resolve("model.fqz"), "w");
        SweepLogReport report;
        try (SweepLogger log =
                SweepLogger.start(
                        SweepTracking.open(
                                TrackingUri.ofDirectory(store),
                                dir,
                                dir,
                                Map.of(),
                                Clock.systemUTC()),
                        new SweepStart(
                                "py-it",
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
                            "quantize",
                            Map.of("quantize.bits", "8"),
                            Map.of("accuracy", 0.91),
                            Map.of("train_loss", List.of(0.9, 0.5, 0.25)),
                            List.of(ArtifactFile.in("model", model))));
            log.logTrial(
                    TrialRecord.ok(
                            "T2",
                            "T2-b4",
                            "quantize",
                            Map.of("quantize.bits", "4"),
                            Map.of("accuracy", 0.85),
                            Map.of(),
                            List.of()));
            log.logTrial(
                    TrialRecord.failed(
                            "T3", "T3-b2", "quantize", Map.of("quantize.bits", "2"), "diverged"));
            report =
                    log.finish(
                            SweepFinish.finished(
                                    Map.of("hypervolume", 0.3),
                                    Map.of("T1", 1, "T2", 2, "T3", 0),
                                    List.of()));
        }
        assertEquals(List.of(), report.problems());
        Path script = Files.writeString(dir.resolve("read.py"), SCRIPT);
        var builder =
                new ProcessBuilder(mlflow.python().toString(), script.toString(), store.toString())
                        .redirectErrorStream(false);
        builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, process.exitValue(), "python failed: " + err);
        String parent = report.parentRunId().orElseThrow();
        String json = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals(
                "[{\"name\": \"sweep-s1\", \"status\": \"FINISHED\", \"parent\": \"\", \"run_id\": \""
                        + parent
                        + "\", \"accuracy\": null, \"pareto\": \"\", \"bits\": \"\", \"curve\": [], \"artifacts\": []}, "
                        + "{\"name\": \"T1-b8\", \"status\": \"FINISHED\", \"parent\": \""
                        + parent
                        + "\", \"run_id\": \""
                        + report.childRunIds().get("T1")
                        + "\", \"accuracy\": 0.91, \"pareto\": \"true\", \"bits\": \"8\","
                        + " \"curve\": [0.9, 0.5, 0.25], \"artifacts\": [\"model\"]}, "
                        + "{\"name\": \"T2-b4\", \"status\": \"FINISHED\", \"parent\": \""
                        + parent
                        + "\", \"run_id\": \""
                        + report.childRunIds().get("T2")
                        + "\", \"accuracy\": 0.85, \"pareto\": \"false\", \"bits\": \"4\","
                        + " \"curve\": [], \"artifacts\": []}, "
                        + "{\"name\": \"T3-b2\", \"status\": \"FAILED\", \"parent\": \""
                        + parent
                        + "\", \"run_id\": \""
                        + report.childRunIds().get("T3")
                        + "\", \"accuracy\": null, \"pareto\": \"false\", \"bits\": \"2\","
                        + " \"curve\": [], \"artifacts\": []}]",
                json);
    }
}
