package dev.frontier.exec.run;

import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.engine.DeviceChoice;
import dev.frontier.exec.stage.Conversions;
import dev.frontier.exec.stage.SweepModels;
import dev.frontier.model.ModelSpec;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.Dataset;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.Training;
import dev.frontier.train.TrainConfig;
import java.util.Objects;

/**
 * A sweep's baseline in the engine's types, translated as {@code frontier run} translates it: the
 * data request, the model, the training settings and the seed of the plan's baseline stage. For
 * tools that need only the baseline (per-layer sensitivity); {@link #withEpochs} and {@link
 * #withLimit} shrink it for quick runs.
 *
 * @param sweep the sweep
 * @param dataset the sweep's dataset, or an override of it
 * @param training the sweep's baseline training, or an override of it
 */
public record SweepBaseline(Sweep sweep, Dataset dataset, Training training) {

    public SweepBaseline {
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(training, "training");
    }

    /** The baseline exactly as the sweep declares it. */
    public static SweepBaseline of(Sweep sweep) {
        return new SweepBaseline(sweep, sweep.dataset(), sweep.training());
    }

    /** The same baseline trained for {@code epochs} epochs. */
    public SweepBaseline withEpochs(int epochs) {
        return new SweepBaseline(sweep, dataset, training.withEpochs(epochs));
    }

    /**
     * The same baseline on the first {@code limit} training examples (0 = all), split as the sweep
     * says.
     */
    public SweepBaseline withLimit(int limit) {
        return new SweepBaseline(
                sweep,
                new Dataset(
                        dataset.name(),
                        limit,
                        dataset.splitSeed(),
                        dataset.validation(),
                        dataset.user()),
                training);
    }

    /** What data to load. */
    public DataRequest data() {
        return Conversions.data(dataset);
    }

    /** The device the sweep asks for. */
    public DeviceChoice device() {
        return Conversions.device(sweep.device());
    }

    /** The sweep's intra-op thread count (0 = the engine's default). */
    public int threads() {
        return sweep.threads();
    }

    /** The baseline model for images shaped like {@code data}'s. */
    public ModelSpec model(DataSplits data) {
        return Conversions.model(
                sweep.model(),
                SweepModels.provider(sweep.model()),
                data.train().channels(),
                data.train().rows(),
                data.train().cols(),
                data.train().numClasses());
    }

    /**
     * The training configuration, seeded as the sweep's baseline stage (also the model's
     * initialization seed).
     */
    public TrainConfig trainConfig() {
        return Conversions.train(training, seed());
    }

    /**
     * The seed of the plan's first baseline stage: what {@code frontier run} initializes and
     * shuffles with.
     */
    long seed() {
        return Planner.plan(sweep).stages().stream()
                .filter(s -> s.kind().equals(StageKind.TRAIN_BASELINE))
                .findFirst()
                .map(Stage::seed)
                .orElse(sweep.seed());
    }
}
