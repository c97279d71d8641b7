package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.store.TrialRecord;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.it.MlflowEnv;
import dev.frontier.tracking.it.MlflowServer;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import dev.frontier.tracking.sync.StoreSync;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integration: a real sweep logged to a real MLflow server, read back through MLflow's REST API and
 * its Python client; then the server is gone, the sweep keeps its runs locally, and {@code sync}
 * pushes them to a new server without duplicates.
 */
@Tag("integration")
class MlflowEndToEndTest {
    @TempDir Path dir;

    static Sweep sweep() {
        return Sweep.builder()
                .name("e2e")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(5)
                .device("cpu")
                .threads(1)
                .parallelism(1)
                .training(t -> t.epochs(2).batchSize(64))
                .prune(p -> p.ratio(0.5, 0.9).finetuneEpochs(1))
                .quantize(q -> q.bits(8))
                .runtime(Backend.DJL_PYTORCH)
                .build();
    }

    SweepResult run(String uri, Path runDir, ByteArrayOutputStream log) throws IOException {
        return new SweepRunner(
                        new PrintStream(log, true),
                        false,
                        BenchSettings.quick(),
                        Map.of("MLFLOW_TRACKING_URI", uri))
                .run(sweep(), runDir);
    }

    @Test
    void sweep_isLoggedToARealServerAndSurvivesItsAbsence() throws Exception {
        MlflowEnv mlflow = MlflowEnv.provision();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult result;
        try (MlflowServer server = MlflowServer.start(mlflow.mlflow())) {
            result = run(server.uri(), dir.resolve("run"), log);
            assertEquals(0, result.failedTrials(), log.toString());
            try (RestStore rest =
                    RestStore.open(
                            new TrackingUri(server.uri()), RetryPolicy.defaults(), Map.of())) {
                String exp = rest.findExperiment("e2e").orElseThrow();
                List<TrackedRun> runs = rest.searchRuns(exp, Map.of());
                assertEquals(1 + 3, runs.size(), "parent + baseline + 2 trials");
                TrackedRun parent =
                        runs.stream()
                                .filter(r -> !r.tags().containsKey("mlflow.parentRunId"))
                                .findFirst()
                                .orElseThrow();
                assertEquals(
                        result.pareto().hypervolume(), parent.metrics().get("hypervolume"), 1e-9);
                Map<String, String> frontierCsv = frontierRanks(result);
                for (TrackedRun child : runs) {
                    if (child == parent) {
                        continue;
                    }
                    assertEquals(parent.runId(), child.tags().get("mlflow.parentRunId"));
                    assertTrue(child.metrics().containsKey("accuracy"), child.metrics().toString());
                    String trialId =
                            child.tags().getOrDefault("frontier.trial_id", child.runName());
                    String name = child.runName();
                    assertEquals(
                            frontierCsv.containsKey(name) ? "true" : "false",
                            child.tags().get("pareto"),
                            "pareto tag of " + name + " (" + trialId + ")");
                    if (!name.equals("baseline")) {
                        assertTrue(
                                child.params().containsKey("prune.ratio"),
                                child.params().toString());
                        byte[] model = rest.downloadArtifact(child.runId(), "model/model.frontier");
                        TrialRecord rec =
                                result.trialRecords().stream()
                                        .filter(t -> t.name().equals(name))
                                        .findFirst()
                                        .orElseThrow();
                        assertArrayEquals(
                                Files.readAllBytes(Path.of(rec.facts().get("model_file"))), model);
                        assertTrue(
                                rest.metricHistory(child.runId(), "train_baseline.train_loss")
                                                .size()
                                        >= 2);
                    }
                }
                // a rerun resumes: no duplicate runs
                run(server.uri(), dir.resolve("run"), new ByteArrayOutputStream());
                assertEquals(4, rest.searchRuns(exp, Map.of()).size());
            }
            assertEquals(
                    "4",
                    python(mlflow, server.uri(), "e2e").strip(),
                    "mlflow.search_runs row count");
        }
        // the server is gone: the sweep still finishes and keeps everything locally
        ByteArrayOutputStream offline = new ByteArrayOutputStream();
        SweepResult again = run("http://127.0.0.1:9", dir.resolve("run2"), offline);
        assertEquals(0, again.failedTrials());
        assertTrue(offline.toString().contains("frontier sync --from"), offline.toString());
        try (MlflowServer fresh = MlflowServer.start(mlflow.mlflow());
                FileStore local = FileStore.open(dir.resolve("run2/mlruns"));
                RestStore rest =
                        RestStore.open(
                                new TrackingUri(fresh.uri()), RetryPolicy.defaults(), Map.of())) {
            new StoreSync(local, rest).syncAll();
            new StoreSync(local, rest).syncAll();
            String exp = rest.findExperiment("e2e").orElseThrow();
            assertEquals(4, rest.searchRuns(exp, Map.of()).size(), "sync twice, no duplicates");
        }
    }

    /** Trial names on the frontier, from the frontier CSV. */
    private static Map<String, String> frontierRanks(SweepResult r) throws IOException {
        List<String> lines = Files.readAllLines(r.files().frontierCsv());
        List<String> header = List.of(lines.get(0).split(","));
        int name = header.indexOf("name");
        return lines.stream()
                .skip(1)
                .map(l -> l.split(","))
                .collect(Collectors.toMap(c -> c[name], c -> "1"));
    }

    private String python(MlflowEnv mlflow, String uri, String experiment)
            throws IOException, InterruptedException {
        String script =
                "import mlflow\nmlflow.set_tracking_uri('"
                        + uri
                        + "')\n"
                        + "print(len(mlflow.search_runs(experiment_names=['"
                        + experiment
                        + "'])))\n";
        Path py = dir.resolve("check.py");
        Files.writeString(py, script);
        Process p =
                new ProcessBuilder(mlflow.python().toString(), py.toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }
}
