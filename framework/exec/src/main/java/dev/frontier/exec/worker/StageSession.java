package dev.frontier.exec.worker;

import ai.djl.Device;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.exec.stage.Conversions;
import dev.frontier.exec.stage.RunContext;
import dev.frontier.exec.stage.StageRunner;
import dev.frontier.exec.stage.SweepModels;
import dev.frontier.exec.store.StageStore;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.Trial;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What a process needs to run stages of a sweep by key against its shared run folder: the sweep
 * (read back from the folder's canonical {@code sweep.yaml}), its plan, data, engine and a {@link
 * StageRunner} over a worker's view of the store. A {@link StageWorker} process holds one, on this
 * machine's pool and on a Spark executor alike (the executor hands its tasks' stages to such a
 * process), which is how both run a stage through the same code.
 */
public final class StageSession {
    private final Plan plan;
    private final StageStore store;
    private final StageRunner runner;

    private StageSession(Plan plan, StageStore store, StageRunner runner) {
        this.plan = plan;
        this.store = store;
        this.runner = runner;
    }

    /**
     * A session over the run folder {@code runDir} with {@code threads} intra-op threads (0: the
     * sweep's); nothing is committed once {@code mayWrite} turns false. Loads the data and starts
     * the engine.
     */
    public static StageSession open(
            Path runDir, int threads, BooleanSupplier mayWrite, PrintStream log)
            throws IOException {
        Sweep sweep = SpecReader.read(runDir.resolve("sweep.yaml"));
        Plan plan = Planner.plan(sweep);
        SweepModels models = SweepModels.of(sweep); // a user's jar is loaded here too
        Device device =
                Conversions.device(sweep.device())
                        .resolve(EngineSetup.start(threads > 0 ? threads : sweep.threads()));
        DataSplits data =
                Datasets.standard(Conversions.data(sweep.dataset()), log::println)
                        .load(Conversions.data(sweep.dataset()));
        StageStore store = StageStore.worker(runDir, mayWrite);
        StageRunner runner =
                new StageRunner(
                        new RunContext(sweep, plan, data, device, store, log, false, models));
        return new StageSession(plan, store, runner);
    }

    /**
     * Runs the stage {@code key} (its ancestors are in the store) and commits it; a stage already
     * in the store (a retried or duplicate request) is left as it is. Returns whether it ran here.
     */
    public boolean run(String key) throws IOException {
        if (store.has(key)) {
            return false;
        }
        runner.run(stage(plan, key), path(plan, key));
        return true;
    }

    private static Stage stage(Plan plan, String key) {
        return plan.stage(key)
                .orElseThrow(
                        () -> new IllegalArgumentException("no stage " + key + " in this sweep"));
    }

    /** A root-to-stage path through {@code key} (every trial through it shares the prefix). */
    static List<Stage> path(Plan plan, String key) {
        Stage s = stage(plan, key);
        String trialId = s.trialIds().get(0);
        Trial t =
                plan.trials().stream()
                        .filter(x -> x.id().equals(trialId))
                        .findFirst()
                        .orElseThrow();
        List<Stage> full = plan.path(t, s.repeat());
        return full.subList(0, full.indexOf(s) + 1);
    }
}
