package dev.frontier.exec.stage;

import ai.djl.Device;
import dev.frontier.data.DataSplits;
import dev.frontier.exec.store.StageStore;
import dev.frontier.plan.Plan;
import dev.frontier.spec.Sweep;
import dev.frontier.train.TrainingProgress;
import java.io.PrintStream;

/**
 * What every stage of one sweep execution shares: the sweep, its plan, the data, the device, the
 * store, the log and the providers of its models.
 */
public record RunContext(
        Sweep sweep,
        Plan plan,
        DataSplits data,
        Device device,
        StageStore store,
        PrintStream log,
        boolean verboseTraining,
        SweepModels models) {

    /** Progress reporting for a training stage. */
    TrainingProgress progress(String label) {
        return verboseTraining
                ? new TrainingProgress.Lines(log, "  " + label)
                : TrainingProgress.silent();
    }
}
