package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.rest.RestStore;
import dev.frontier.tracking.rest.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(MlflowServerExtension.class)
class RestStoreIntegrationTest {

    @TempDir Path dir;

    @Test
    void parentAndThreeChildren_readBackWithParamsMetricsTagsParentsAndArtifact(MlflowServer server)
            throws Exception {
        try (RestStore store =
                RestStore.open(new TrackingUri(server.uri()), RetryPolicy.defaults(), Map.of())) {
            String exp = store.getOrCreateExperiment("rest-it");
            assertEquals(exp, store.getOrCreateExperiment("rest-it"));
            String experiment =
                    java.net.http.HttpClient.newHttpClient()
                            .send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    java.net.URI.create(
                                                            server.uri()
                                                                    + "/api/2.0/mlflow/experiments/get?experiment_id="
                                                                    + exp))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body();
            assertTrue(
                    experiment
                            .replaceAll("\\s", "")
                            .contains(
                                    "{\"key\":\"mlflow.experimentKind\",\"value\":\"custom_model_development\"}"),
                    experiment);
            String parent = store.createRun(exp, NewRun.named("sweep-1", 1_000));
            store.logBatch(
                    parent,
                    RunBatch.of(
                            Map.of("epochs", "3"),
                            List.of(new MetricPoint("hypervolume", 0.42, 2_000, 0)),
                            Map.of("status", "FINISHED")));
            byte[] model = new byte[300_000];
            for (int i = 0; i < model.length; i++) {
                model[i] = (byte) (i * 31);
            }
            Path modelFile = Files.write(dir.resolve("model.fqz"), model);
            var children = new ArrayList<String>();
            for (int t = 1; t <= 3; t++) {
                String child =
                        store.createRun(
                                exp,
                                NewRun.named("T" + t + "-b" + (2 * t), 1_000 + t)
                                        .withParent(parent));
                var params = new LinkedHashMap<String, String>();
                for (int p = 0; p < 120; p++) {
                    params.put(
                            "p" + p,
                            Integer.toString(p * t)); // 120 params: more than one log-batch request
                }
                var curve = new ArrayList<MetricPoint>();
                for (int step = 0; step < 1_200; step++) {
                    curve.add(new MetricPoint("train_loss", 1.0 / (step + 1), 3_000 + step, step));
                }
                curve.add(new MetricPoint("accuracy", 0.9 - t / 100.0, 5_000, 0));
                store.logBatch(
                        child,
                        RunBatch.of(
                                params,
                                curve,
                                Map.of(
                                        "pareto",
                                        Boolean.toString(t != 2),
                                        "pareto_rank",
                                        t == 2 ? "2" : "1")));
                store.logArtifact(child, "model/model.fqz", modelFile);
                store.endRun(child, RunStatus.FINISHED, 6_000);
                children.add(child);
            }
            store.endRun(parent, RunStatus.FINISHED, 7_000);

            List<TrackedRun> kids = store.searchRuns(exp, Map.of("mlflow.parentRunId", parent));
            assertEquals(3, kids.size());
            TrackedRun t2 =
                    kids.stream()
                            .filter(r -> r.runName().equals("T2-b4"))
                            .findFirst()
                            .orElseThrow();
            assertEquals(120, t2.params().size());
            assertEquals("238", t2.params().get("p119"));
            assertEquals(0.88, t2.metrics().get("accuracy"), 1e-12);
            assertEquals("false", t2.tags().get("pareto"));
            assertEquals(RunStatus.FINISHED, t2.status());
            assertEquals(1_200, store.metricHistory(t2.runId(), "train_loss").size());
            assertEquals(0.42, store.getRun(parent).metrics().get("hypervolume"));
            assertArrayEquals(model, store.downloadArtifact(children.get(0), "model/model.fqz"));
        }
    }

    @Test
    void changedParam_failsAtOnceWithServerMessage(MlflowServer server) {
        try (RestStore store =
                RestStore.open(new TrackingUri(server.uri()), RetryPolicy.defaults(), Map.of())) {
            String run =
                    store.createRun(
                            store.getOrCreateExperiment("rest-it-4xx"), NewRun.named("r", 1));
            store.logBatch(run, RunBatch.ofParams(Map.of("bits", "8")));
            long began = System.nanoTime();
            var e =
                    assertThrows(
                            TrackingException.class,
                            () -> store.logBatch(run, RunBatch.ofParams(Map.of("bits", "4"))));
            assertTrue(
                    e.getMessage().contains("HTTP 400") && e.getMessage().contains(run),
                    e.getMessage());
            assertTrue(System.nanoTime() - began < 2_000_000_000L, "a 4xx is not retried");
        }
    }
}
