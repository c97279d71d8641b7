package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.ModelVersionRef;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's model files become versions of a registered model on a real MLflow server, and MLflow's
 * own Python client finds them there: version, source, run, tags, and the files behind {@code
 * models:/name/version}.
 */
@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class ModelRegistryIntegrationTest {

    private static final String SCRIPT =
            """
            import json, os, sys, mlflow
            mlflow.set_tracking_uri(sys.argv[1])
            client = mlflow.MlflowClient()
            out = []
            for v in ("1", "2"):
                mv = client.get_model_version(sys.argv[2], v)
                files = sorted(os.listdir(mlflow.artifacts.download_artifacts(
                    "models:/" + sys.argv[2] + "/" + v, dst_path=sys.argv[3] + "/v" + v)))
                out.append({"version": str(mv.version), "run_id": mv.run_id, "source": mv.source,
                            "accuracy": mv.tags.get("accuracy"), "trial": mv.tags.get("trial_id"),
                            "description": mv.description, "files": files})
            print(json.dumps(out))
            """;

    @TempDir Path dir;

    /** Runs the script with MLflow's Python client; its last line of output. */
    private String python(MlflowEnv mlflow, String uri, Path dl) throws Exception {
        Path script = Files.writeString(dir.resolve("read.py"), SCRIPT);
        ProcessBuilder b =
                new ProcessBuilder(
                        mlflow.python().toString(),
                        script.toString(),
                        uri,
                        "fm-lenet5",
                        dl.toString());
        b.environment().remove("MLFLOW_ALLOW_FILE_STORE");
        b.environment().remove("MLFLOW_TRACKING_URI");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), "python failed: " + err);
        return out.strip().lines().reduce((a, c) -> c).orElse("");
    }

    private static String expected(String runId, ModelVersionRef first, ModelVersionRef second) {
        return "[{\"version\": \"1\", \"run_id\": \""
                + runId
                + "\", \"source\": \""
                + first.source()
                + "\", \"accuracy\": \"0.9012\", \"trial\": \"t07\", \"description\": \"knee of"
                + " sweep x\", \"files\": [\"model.frontier\", \"model.onnx\"]},"
                + " {\"version\": \"2\", \"run_id\": \""
                + runId
                + "\", \"source\": \""
                + second.source()
                + "\", \"accuracy\": \"0.9012\", \"trial\": \"t07\", \"description\":"
                + " \"again\", \"files\": [\"model.frontier\", \"model.onnx\"]}]";
    }

    /** A finished run with two model files, registered twice: the run's id and both versions. */
    private record Registered(String runId, ModelVersionRef first, ModelVersionRef second) {}

    private Registered registerTwice(dev.frontier.tracking.TrackingStore store) throws Exception {
        String exp = store.getOrCreateExperiment("registry-it");
        String runId = store.createRun(exp, NewRun.named("t07-r50-b8", 1_000));
        store.logArtifact(
                runId,
                "model/model.frontier",
                Files.write(dir.resolve("m.frontier"), new byte[] {1, 2, 3}));
        store.logArtifact(
                runId, "model/model.onnx", Files.write(dir.resolve("m.onnx"), new byte[] {4, 5}));
        store.endRun(runId, RunStatus.FINISHED, 2_000);
        Map<String, String> tags = Map.of("accuracy", "0.9012", "trial_id", "t07");
        ModelVersionRef first =
                store.registerModelVersion("fm-lenet5", runId, "model", tags, "knee of sweep x");
        ModelVersionRef second =
                store.registerModelVersion("fm-lenet5", runId, "model", tags, "again");
        assertEquals("1", first.version());
        assertEquals("2", second.version(), "a second registration adds a version");
        assertTrue(first.source().endsWith("/model"), first.source());
        assertEquals(
                java.util.List.of("1", "2"),
                store.modelVersions("fm-lenet5", runId).stream()
                        .map(ModelVersionRef::version)
                        .toList(),
                "what a rerun checks before registering its knee again");
        assertEquals(java.util.List.of(), store.modelVersions("fm-lenet5", "0123456789abcdef"));
        assertEquals(java.util.List.of(), store.modelVersions("no-such-model", runId));
        return new Registered(runId, first, second);
    }

    @Test
    void embeddedSqliteStore_keepsTheRegistryTooInMlflowsTables() throws Exception {
        Path db = dir.resolve("mlruns.db");
        Registered r;
        try (var store = dev.frontier.tracking.sqlite.SqliteStore.open(db)) {
            r = registerTwice(store);
        }
        assertEquals(
                expected(r.runId(), r.first(), r.second()),
                python(MlflowEnv.provision(), "sqlite:///" + db, dir.resolve("dl")));
    }

    @Test
    void runModelFiles_becomeVersionsThatMlflowsClientDownloads(MlflowServer server)
            throws Exception {
        Registered r;
        try (RestStore store =
                RestStore.open(new TrackingUri(server.uri()), RetryPolicy.defaults(), Map.of())) {
            r = registerTwice(store);
        }
        assertEquals(
                expected(r.runId(), r.first(), r.second()),
                python(MlflowEnv.provision(), server.uri(), dir.resolve("dl")));
    }
}
