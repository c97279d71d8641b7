package dev.frontier.exec.stage;

import static dev.frontier.exec.store.StageStore.CHECKPOINT;

import dev.frontier.data.DataSplits;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.Sweep;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link PassStep} works with: its stage, the sweep's data and models, the stage's input
 * model, training on the sweep's splits, and the folder its outputs go to (renamed into the store
 * when the step returns).
 */
public final class StepContext {

    private final StageRunner runner;
    private final RunContext ctx;
    private final Stage stage;
    private final List<Stage> path;
    private final Path out;
    private final Map<String, Object> meta;

    StepContext(
            StageRunner runner,
            RunContext ctx,
            Stage stage,
            List<Stage> path,
            Path out,
            Map<String, Object> meta) {
        this.runner = runner;
        this.ctx = ctx;
        this.stage = stage;
        this.path = path;
        this.out = out;
        this.meta = meta;
    }

    /** The stage being run. */
    public Stage stage() {
        return stage;
    }

    /** The sweep. */
    public Sweep sweep() {
        return ctx.sweep();
    }

    /** The sweep's training, validation and test splits. */
    public DataSplits data() {
        return ctx.data();
    }

    /** The device stages run on. */
    public ai.djl.Device device() {
        return ctx.device();
    }

    /** The spec of a fresh student (the sweep's model, shaped for its data). */
    public ModelSpec studentSpec() {
        return ctx.models().studentSpec(ctx.data());
    }

    /** The stage's own folder: files written here are committed with the stage. */
    public Path out() {
        return out;
    }

    /** What {@code stage.yaml} records: add the step's facts (ratios, files, layers). */
    public Map<String, Object> meta() {
        return meta;
    }

    /** Progress reporting for a step that is not a training loop (calibration, QAT). */
    public TrainingProgress progress(String label) {
        return ctx.progress(label);
    }

    /**
     * The model this stage transforms: the nearest ancestor's that is not the teacher (the caller
     * closes it).
     */
    public FrontierModel loadInput() throws IOException {
        return runner.load(StageRunner.modelParent(path, stage));
    }

    /** The model of the nearest ancestor of {@code kind} (the caller closes it). */
    public FrontierModel loadAncestor(StageKind kind) throws IOException {
        for (int j = path.indexOf(stage) - 1; j >= 0; j--) {
            if (path.get(j).kind().equals(kind)) {
                return runner.load(path.get(j));
            }
        }
        throw new IllegalStateException("stage " + stage.key() + " has no " + kind + " ancestor");
    }

    /** The sweep's training settings with this stage's seed. */
    public TrainConfig training() {
        return Conversions.train(ctx.sweep().training(), stage.seed());
    }

    /**
     * {@code cfg} at learning rate {@code lr}, or unchanged when {@code lr} is 0 (the value that
     * means "the training's").
     */
    public TrainConfig withLr(TrainConfig cfg, double lr) {
        return Conversions.withLr(cfg, lr);
    }

    /**
     * Trains {@code model} on the sweep's training split, validating on its validation split, and
     * records the epochs in {@link #meta()}.
     */
    public TrainingReport train(TrainConfig cfg, TrainingHooks hooks, FrontierModel model) {
        TrainingReport r = runner.train(cfg, hooks, stage, model);
        StageRunner.record(meta, r);
        return r;
    }

    /** Records a training run's epochs in {@link #meta()} (for training done by other code). */
    public void record(TrainingReport report) {
        StageRunner.record(meta, report);
    }

    /** Saves {@code model} as the stage's checkpoint, the next stage's input. */
    public void save(FrontierModel model) throws IOException {
        Checkpoint.save(model, out.resolve(CHECKPOINT));
    }

    /**
     * The file's SHA-256, which must still be the one planned into the stage's key under {@code
     * param}.
     */
    public String sameFile(String param, Path file) {
        return StageRunner.sameFile(stage, param, file);
    }
}
