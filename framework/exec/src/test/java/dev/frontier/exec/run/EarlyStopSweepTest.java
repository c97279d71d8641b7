package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.TrialStatus;
import dev.frontier.analysis.pareto.Standing;
import dev.frontier.exec.store.StoreFaultsTest;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.spec.Backend;
import dev.frontier.spec.EarlyStop;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Search;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.Sweep;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.file.FileStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping through the real runner on synthetic data: two trials of the same size (90%
 * one-shot pruning, 8 bits), one fine-tuned at a useful learning rate and one at 1e-9 (so after its
 * first epoch it is still the freshly pruned model). The grid order measures the good one first;
 * the hopeless one is judged after its first fine-tuning epoch, stopped before its quantization and
 * measurement, and a rerun reuses it.
 */
class EarlyStopSweepTest {

    @TempDir Path dir;

    static Sweep sweep(EarlyStop rule) {
        return Sweep.builder()
                .name("early")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(11)
                .device("cpu")
                .threads(1)
                .parallelism(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(
                        p ->
                                p.ratio(0.9)
                                        .schedule(Prune.Schedule.ONE_SHOT)
                                        .scope(Prune.Scope.LAYER)
                                        .finetuneEpochs(2)
                                        .finetuneLr(3e-3, 1e-9))
                .quantize(q -> q.bits(8))
                .runtime(Backend.DJL_PYTORCH)
                .objective("accuracy", dev.frontier.spec.Objective.Direction.MAX)
                .objective("size_bytes", dev.frontier.spec.Objective.Direction.MIN)
                .search(Search.Strategy.GRID, 2, 1, rule)
                .build();
    }

    private static Sweep plain() {
        return sweep(EarlyStop.DEFAULT).withSearch(java.util.Optional.empty());
    }

    @Test
    void hopelessTrialStops_goodOneDoesNot_andARerunDoesNotRunItAgain() throws Exception {
        Sweep sweep = sweep(new EarlyStop(1, 0.02));
        Path run = dir.resolve("run");
        Path mlruns = dir.resolve("mlruns");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = StoreFaultsTest.runner(mlruns, log).run(sweep, run);
        String text = log.toString();

        List<TrialOutcome> trials = r.outcomes().subList(1, r.outcomes().size());
        assertEquals(2, trials.size(), text);
        TrialOutcome good = trials.get(0);
        TrialOutcome hopeless = trials.get(1);
        assertEquals(TrialStatus.OK, good.status(), text);
        assertEquals(TrialStatus.STOPPED, hopeless.status(), text);
        assertEquals(0, r.failedTrials(), "stopped is not failed");
        assertEquals(1, r.stoppedTrials());

        // the reason names the measured trial that beats it, and by how much
        String reason = hopeless.failureReason();
        assertTrue(reason.startsWith("stopped after 1 epoch of its own training (stage "), reason);
        assertTrue(reason.contains(good.trialId() + " (" + good.name() + ") is "), reason);
        TrialRecord stopped =
                r.trialRecords().stream().filter(TrialRecord::stopped).findFirst().orElseThrow();
        double val = stopped.metrics().get("stop_val_accuracy");
        double goodAcc = good.metric("accuracy").getAsDouble();
        assertTrue(goodAcc >= val + 0.02, goodAcc + " vs " + val);
        // same passes, same size estimate as the good trial
        assertTrue(stopped.metrics().get("stop_estimated_size_bytes") > 0);
        assertTrue(
                reason.contains(
                        String.format(
                                java.util.Locale.ROOT,
                                "%.2f pts more accurate",
                                100 * (goodAcc - val))),
                reason);
        // the file says STOPPED, and the frontier leaves it out
        String yaml =
                Files.readString(run.resolve("trials").resolve(hopeless.trialId() + "-r0.yaml"));
        assertTrue(yaml.contains("status: STOPPED"), yaml);
        assertEquals(
                Standing.STOPPED,
                r.pareto().trials().stream()
                        .filter(t -> t.trialId().equals(hopeless.trialId()))
                        .findFirst()
                        .orElseThrow()
                        .standing());
        assertFalse(
                r.pareto().front().stream().anyMatch(t -> t.trialId().equals(hopeless.trialId())));
        // its quantization never ran: baseline, two prune stages and one quantize stage
        assertEquals(4, r.work().stagesHere(), r.work().describe());
        assertEquals(2, r.work().trialsMeasured(), "baseline + the good trial");
        assertTrue(text.contains("STOPPED: stopped after 1 epoch"), text);

        // the search's own hypervolume curve: the stopped trial adds nothing
        assertTrue(text.contains("search: hypervolume (accuracy x bytes) after 1: "), text);
        assertTrue(Files.size(run.resolve(SweepRunner.SEARCH_CURVE)) > 1000);

        // MLflow: a child run ended KILLED, tagged STOPPED with its reason; the curve on the parent
        try (FileStore store = FileStore.open(mlruns)) {
            String exp = store.findExperiment("early").orElseThrow();
            TrackedRun parent =
                    store.searchRuns(exp, Map.of()).stream()
                            .filter(t -> !t.tags().containsKey("mlflow.parentRunId"))
                            .findFirst()
                            .orElseThrow();
            Path artifacts = Path.of(java.net.URI.create(parent.artifactUri()));
            assertTrue(
                    Files.isRegularFile(artifacts.resolve("charts/" + SweepRunner.SEARCH_CURVE)),
                    artifacts.toString());
            List<TrackedRun> runs = store.searchRuns(exp, Map.of("status", "STOPPED"));
            assertEquals(1, runs.size());
            assertEquals(RunStatus.KILLED, runs.get(0).status());
            assertEquals(reason, runs.get(0).tags().get("stop_reason"));
            assertEquals(val, runs.get(0).metrics().get("stop_val_accuracy"), 1e-12);
        }

        // a rerun reuses both records: nothing trained, nothing measured, still STOPPED
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        SweepResult second = StoreFaultsTest.runner(mlruns, again).run(sweep, run);
        assertEquals(0, second.work().stagesHere(), second.work().describe());
        assertEquals(0, second.work().trialsMeasured(), second.work().describe());
        assertEquals(TrialStatus.STOPPED, second.outcomes().get(2).status());
        assertEquals(reason, second.outcomes().get(2).failureReason());
    }

    @Test
    void withoutEarlyStop_theSameTrialIsMeasured() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r =
                StoreFaultsTest.runner(dir.resolve("mlruns"), log)
                        .run(plain(), dir.resolve("plain"));
        assertEquals(
                List.of(TrialStatus.OK, TrialStatus.OK, TrialStatus.OK),
                r.outcomes().stream().map(TrialOutcome::status).toList(),
                log.toString());
    }

    @Test
    void anObjectiveKnownOnlyAfterMeasuring_isAProblemAtEarlyStop() {
        Sweep s =
                Sweep.builder()
                        .name("early")
                        .dataset("synthetic")
                        .model("mlp")
                        .prune(p -> p.ratio(0.5, 0.9).finetuneEpochs(1))
                        .objective("accuracy", dev.frontier.spec.Objective.Direction.MAX)
                        .objective("latency_p50_ms", dev.frontier.spec.Objective.Direction.MIN)
                        .search(Search.Strategy.RANDOM, 2, 1, EarlyStop.DEFAULT)
                        .build();
        SpecException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        SpecException.class, () -> SweepRunner.checkMetrics(s));
        assertTrue(
                e.getMessage()
                        .contains(
                                "search.earlyStop: early stopping compares validation accuracy"
                                        + " (max) and the estimated size_bytes (min); objective"
                                        + " 'latency_p50_ms' (min) is known only once a trial is"
                                        + " measured"),
                e.getMessage());
    }
}
