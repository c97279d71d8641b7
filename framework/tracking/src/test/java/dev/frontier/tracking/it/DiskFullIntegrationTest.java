package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackingException;
import dev.frontier.tracking.TrackingUri;
import dev.frontier.tracking.file.FileStore;
import dev.frontier.tracking.file.StoreCheck;
import dev.frontier.tracking.sweep.ArtifactFile;
import dev.frontier.tracking.sweep.SweepLogger;
import dev.frontier.tracking.sweep.SweepStart;
import dev.frontier.tracking.sweep.SweepTracking;
import dev.frontier.tracking.sweep.TrialRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk (a 1 MB tmpfs, mounted only when the tests run as root, always unmounted):
 * fatal, whole, readable.
 */
@Tag("integration")
class DiskFullIntegrationTest {

    @TempDir Path dir;

    @Test
    void fullTmpfs_failsNamingTheFile_parentMarkedFailed_mlflowStillReadsEveryRun()
            throws Exception {
        Path mount = Files.createDirectories(dir.resolve("small"));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()) == 0,
                "mounting a tmpfs needs root");
        try {
            Path store = mount.resolve("mlruns");
            Path model = Files.write(dir.resolve("model.fqz"), new byte[150_000]);
            TrackingException e;
            int logged = 0;
            try (SweepLogger log =
                    SweepLogger.start(
                            SweepTracking.open(
                                    TrackingUri.ofDirectory(store),
                                    dir,
                                    dir,
                                    Map.of(),
                                    Clock.systemUTC()),
                            new SweepStart(
                                    "full",
                                    "s1",
                                    "sweep-s1",
                                    "h",
                                    "c",
                                    "0.1.0",
                                    Map.of(),
                                    List.of()))) {
                e =
                        assertThrows(
                                TrackingException.class,
                                () -> {
                                    for (int i = 0; i < 50; i++) {
                                        var metrics = new LinkedHashMap<String, Double>();
                                        for (int m = 0; m < 28; m++) {
                                            metrics.put("metric_" + m, 0.5 + m);
                                        }
                                        log.logTrial(
                                                TrialRecord.ok(
                                                        "T" + i,
                                                        "T" + i,
                                                        "quantize",
                                                        Map.of("i", "" + i),
                                                        metrics,
                                                        Map.of(),
                                                        List.of(ArtifactFile.in("model", model))));
                                    }
                                });
                logged = log.report().childRunIds().size();
            }
            assertTrue(
                    e.getMessage().contains("No space left on device")
                            && e.getMessage().contains(store.toString()),
                    e.getMessage());
            assertTrue(logged >= 2 && logged < 50, "some trials fit: " + logged);
            FileStore read = FileStore.open(store);
            String exp = read.findExperiment("full").orElseThrow();
            var parent =
                    read.searchRuns(exp, Map.of()).stream()
                            .filter(r -> r.parentRunId().isEmpty())
                            .findFirst()
                            .orElseThrow();
            assertEquals(
                    RunStatus.FAILED, parent.status(), "the reserve made room for the FAILED mark");
            assertTrue(
                    parent.tags().get("failure_reason").contains("No space left on device"),
                    parent.tags().toString());
            assertEquals(Map.of(), StoreCheck.run(read).partialRuns());
            assertEquals(
                    logged + 1,
                    read.runIds(exp).size(),
                    "every published trial whole, the failed one absent");

            MlflowEnv mlflow = MlflowEnv.provision();
            Path script =
                    Files.writeString(
                            dir.resolve("read.py"),
                            """
          import sys, mlflow
          mlflow.set_tracking_uri("file:" + sys.argv[1])
          df = mlflow.search_runs(experiment_names=["full"])
          print(len(df), int((df["metrics.metric_27"] == 27.5).sum()))
          """);
            var builder =
                    new ProcessBuilder(
                            mlflow.python().toString(), script.toString(), store.toString());
            builder.environment().put("MLFLOW_ALLOW_FILE_STORE", "true");
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), err);
            assertEquals(
                    (logged + 1) + " " + logged,
                    out.strip().lines().reduce((a, b) -> b).orElse(""),
                    err);
        } finally {
            assertEquals(0, run("umount", mount.toString()), "unmount " + mount);
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
