package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.exec.store.StoreFaultsTest;
import dev.frontier.plan.Planner;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Search;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with {@code search:} runs the budget's trials the strategy proposes, out of the same
 * plan, and a rerun proposes (and reuses) the same ones.
 */
class SweepSearchTest {

    @TempDir Path dir;

    static Sweep sweep() {
        return Sweep.builder()
                .name("search")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(11)
                .device("cpu")
                .threads(1)
                .parallelism(1)
                .training(t -> t.epochs(1).batchSize(64))
                .prune(p -> p.ratio(0.2, 0.4, 0.6, 0.8).finetuneEpochs(0))
                .quantize(q -> q.bits(8, 4))
                .runtime(Backend.DJL_PYTORCH)
                .search(Search.Strategy.RANDOM, 3, 5)
                .build();
    }

    private static List<String> trialIds(SweepResult r) {
        return r.outcomes().stream()
                .map(TrialOutcome::trialId)
                .filter(id -> !id.equals("baseline"))
                .toList();
    }

    @Test
    void searchRunsItsBudgetOfPlannedTrials_andARerunProposesTheSameOnes() throws Exception {
        Sweep sweep = sweep();
        assertEquals(8, Planner.plan(sweep).trialCount(), "the plan is the whole grid");
        assertEquals(sweep, SpecReader.read(SpecWriter.write(sweep), "canonical.yaml"));
        Path run = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult first = StoreFaultsTest.runner(dir.resolve("mlruns"), log).run(sweep, run);
        List<String> ids = trialIds(first);
        assertEquals(3, ids.size(), log.toString());
        assertEquals(3, ids.stream().distinct().count());
        List<String> planned = Planner.plan(sweep).trials().stream().map(t -> t.id()).toList();
        assertTrue(planned.containsAll(ids), ids + " not among " + planned);
        assertTrue(
                log.toString().contains("search: random proposes 3 of 8 planned trials"),
                log.toString());
        assertEquals(4, first.work().trialsMeasured(), "baseline + 3: " + first.work().describe());

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        SweepResult second = StoreFaultsTest.runner(dir.resolve("mlruns"), again).run(sweep, run);
        assertEquals(ids, trialIds(second), "same seed, same answers: same proposals");
        assertEquals(0, second.work().trialsMeasured(), second.work().describe());
        assertEquals(0, second.work().stagesHere(), second.work().describe());
    }
}
