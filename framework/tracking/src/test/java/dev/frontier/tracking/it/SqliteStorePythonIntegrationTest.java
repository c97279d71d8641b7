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

/**
 * A sweep written by Java into the embedded SQLite store is read by the pinned MLflow's Python
 * client with no opt-out variable: MLflow 3.x refuses file stores unless MLFLOW_ALLOW_FILE_STORE is
 * set, and the test removes it from the child's environment.
 */
@Tag("integration")
class SqliteStorePythonIntegrationTest {

    @TempDir Path dir;

    private static final String SCRIPT =
            """
      import json, sys, mlflow
      mlflow.set_tracking_uri(sys.argv[1])
      client = mlflow.MlflowClient()
      experiment = client.get_experiment_by_name("py-sqlite")
      df = mlflow.search_runs(experiment_names=["py-sqlite"], order_by=["attributes.start_time ASC"])
      rows = []
      for _, r in df.iterrows():
          run = client.get_run(r["run_id"])
          rows.append({"name": run.info.run_name, "status": run.info.status,
                       "parent": run.data.tags.get("mlflow.parentRunId", ""),
                       "run_id": r["run_id"],
                       "accuracy": run.data.metrics.get("accuracy"),
                       "pareto": run.data.tags.get("pareto", ""),
                       "bits": r.get("params.quantize.bits") if isinstance(r.get("params.quantize.bits"), str) else "",
                       "curve": [[m.step, m.value] for m in client.get_metric_history(r["run_id"], "train_loss")],
                       "artifacts": sorted(f.path for f in client.list_artifacts(r["run_id"], "model"))})
      rows.sort(key=lambda x: (x["parent"] != "", x["name"]))
      print(json.dumps({"kind": experiment.tags.get("mlflow.experimentKind"), "runs": rows}))
      """;

    @Test
    void pythonClient_readsSweepFromTheSqliteStore_withNoFileStoreOptOut() throws Exception {
        MlflowEnv mlflow = MlflowEnv.provision();
        Path db = dir.resolve("mlruns.db");
        Path model = Files.writeString(dir.resolve("model.fqz"), "weights");
        Path onnx = Files.writeString(dir.resolve("model.onnx"), "graph");
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
                                "py-sqlite",
                                "s1",
                                "sweep-s1",
                                "h",
                                "c",
                                "0.1.0",
                                Map.of("epochs", "3"),
                                List.of()))) {
            log.logTrial(
                    TrialRecord.ok(
                            "T1",
                            "T1-b8",
                            "quantize",
                            Map.of("quantize.bits", "8"),
                            Map.of("accuracy", 0.91),
                            Map.of("train_loss", List.of(0.9, 0.5, 0.25)),
                            List.of(
                                    ArtifactFile.of("model/model.fqz", model),
                                    ArtifactFile.of("model/model.onnx", onnx))));
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
                new ProcessBuilder(
                        mlflow.python().toString(),
                        script.toString(),
                        TrackingUri.ofDatabase(db).value());
        builder.environment().remove("MLFLOW_ALLOW_FILE_STORE");
        builder.environment().remove("MLFLOW_TRACKING_URI");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, process.exitValue(), "python failed: " + err);
        String parent = report.parentRunId().orElseThrow();
        String json = out.strip().lines().reduce((a, b) -> b).orElse("");
        System.err.println("python read: " + json);
        assertEquals(
                "{\"kind\": \"custom_model_development\", \"runs\": ["
                        + "{\"name\": \"sweep-s1\", \"status\": \"FINISHED\", \"parent\": \"\", \"run_id\": \""
                        + parent
                        + "\", \"accuracy\": null, \"pareto\": \"\", \"bits\": \"\", \"curve\": [], \"artifacts\": []}, "
                        + "{\"name\": \"T1-b8\", \"status\": \"FINISHED\", \"parent\": \""
                        + parent
                        + "\", \"run_id\": \""
                        + report.childRunIds().get("T1")
                        + "\", \"accuracy\": 0.91, \"pareto\": \"true\", \"bits\": \"8\","
                        + " \"curve\": [[0, 0.9], [1, 0.5], [2, 0.25]],"
                        + " \"artifacts\": [\"model/model.fqz\", \"model/model.onnx\"]}, "
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
                        + " \"curve\": [], \"artifacts\": []}]}",
                json);
    }
}
