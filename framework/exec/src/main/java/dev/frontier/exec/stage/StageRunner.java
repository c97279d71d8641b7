package dev.frontier.exec.stage;

import static dev.frontier.exec.store.StageStore.CHECKPOINT;

import dev.frontier.compress.ModelPacker;
import dev.frontier.exec.store.Yaml;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.PretrainedWeights;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Teacher;
import dev.frontier.spec.Training;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one non-leaf stage of the tree: trains the baseline or teacher, distills, prunes
 * (+fine-tune), fine-tunes or quantizes, reading its input model from the parent stage's folder and
 * writing {@code model.ckpt} and {@code stage.yaml} (plus {@code model.frontier} for quantization)
 * into a temporary folder that the store renames into place. Every model lives in its own native
 * scope.
 */
public final class StageRunner {

    private final RunContext ctx;
    private final PassSteps steps;

    public StageRunner(RunContext ctx) {
        this.ctx = ctx;
        this.steps = PassSteps.standard();
    }

    /** The device stages run on. */
    ai.djl.Device device() {
        return ctx.device();
    }

    /**
     * Runs {@code stage} (whose ancestors are done) and commits it to the store. A stage that fails
     * leaves nothing behind: its temporary folder is deleted before the failure is passed on.
     */
    public void run(Stage stage, List<Stage> path) throws IOException {
        Path tmp = ctx.store().begin(stage.key());
        try {
            build(stage, path, tmp);
        } catch (IOException | RuntimeException | Error e) {
            ctx.store().discard(tmp);
            throw e;
        }
    }

    private void build(Stage stage, List<Stage> path, Path tmp) throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", stage.kind().name());
        meta.put("key", stage.key());
        meta.put("label", stage.label());
        meta.put("seed", stage.seed());
        if (stage.kind().equals(StageKind.TRAIN_BASELINE)) {
            trainFresh(
                    ctx.models().studentSpec(ctx.data()), ctx.sweep().training(), stage, tmp, meta);
        } else if (stage.kind().equals(StageKind.TRAIN_TEACHER)) {
            Teacher t = ctx.sweep().teacher().orElseThrow();
            trainFresh(ctx.models().teacherSpec(ctx.data()), t.training(), stage, tmp, meta);
        } else if (stage.kind().isPass()) {
            Pass pass = pass(stage);
            steps.get(pass.name()).run(pass, new StepContext(this, ctx, stage, path, tmp, meta));
        } else {
            throw new IllegalStateException("stage kind " + stage.kind() + " is measured, not run");
        }
        meta.put("seconds", (System.nanoTime() - t0) / 1e9);
        dev.frontier.analysis.AtomicFiles.writeString(tmp.resolve("stage.yaml"), Yaml.dump(meta));
        ctx.store().commit(stage.key(), tmp);
    }

    private Pass pass(Stage stage) {
        String trialId = stage.trialIds().get(0);
        Trial t =
                ctx.plan().trials().stream()
                        .filter(x -> x.id().equals(trialId))
                        .findFirst()
                        .orElseThrow();
        return t.pipeline().get(stage.passIndex());
    }

    private void trainFresh(
            ModelSpec spec, Training training, Stage stage, Path out, Map<String, Object> meta)
            throws IOException {
        try (FrontierModel model = FrontierModel.create(spec, ctx.device(), stage.seed())) {
            if (training.pretrained().isPresent()) {
                // the weights are loaded, not trained: the stage records the file and its checksum,
                // and no epochs
                Path file = training.pretrained().get();
                String sha = sameFile(stage, "pretrained_sha256", file);
                PretrainedWeights.Format format = PretrainedWeights.load(model, file);
                meta.put("pretrained", file.toString());
                meta.put("pretrained_format", format.name().toLowerCase(java.util.Locale.ROOT));
                meta.put("pretrained_sha256", sha);
            } else {
                TrainConfig cfg = Conversions.train(training, stage.seed());
                TrainingReport r = train(cfg, TrainingHooks.standard(), stage, model);
                record(meta, r);
            }
            Checkpoint.save(model, out.resolve(CHECKPOINT));
        }
    }

    /**
     * The file's SHA-256, which must still be the one planned into the stage's key under {@code
     * param}.
     */
    static String sameFile(Stage stage, String param, Path file) {
        String sha = dev.frontier.data.Checksums.sha256(file);
        Object planned = stage.params().get(param);
        if (planned != null && !planned.equals(sha)) {
            throw new dev.frontier.data.DataException(
                    file
                            + ": changed since the sweep was planned (SHA-256 "
                            + sha
                            + ", planned "
                            + planned
                            + "); run again to plan with the new file");
        }
        return sha;
    }

    /** Trains {@code model} on the sweep's training split, validating on its validation split. */
    TrainingReport train(TrainConfig cfg, TrainingHooks hooks, Stage stage, FrontierModel model) {
        return new TrainingLoop(
                        cfg,
                        hooks,
                        ctx.progress(stage.kind().name().toLowerCase(java.util.Locale.ROOT)))
                .train(
                        model,
                        ctx.data().train(),
                        ctx.data().validation(),
                        ctx.data().mean(),
                        ctx.data().std());
    }

    static void record(Map<String, Object> meta, TrainingReport r) {
        List<Map<String, Object>> epochs = new ArrayList<>();
        r.epochs()
                .forEach(
                        e -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("epoch", e.epoch());
                            m.put("train_loss", e.trainLoss());
                            m.put("train_accuracy", e.trainAccuracy());
                            m.put(
                                    "val_accuracy",
                                    Double.isNaN(e.validationAccuracy())
                                            ? null
                                            : e.validationAccuracy());
                            m.put("images_per_second", e.imagesPerSecond());
                            epochs.add(m);
                        });
        meta.put("epochs", epochs);
        meta.put("train_seconds", r.seconds());
    }

    public FrontierModel load(Stage s) throws IOException {
        return Checkpoint.load(
                ctx.store().stage(s.key()).resolve(CHECKPOINT),
                ctx.device(),
                Optional.empty(),
                ctx.models()::byName);
    }

    /** Reads a Frontier model file of this sweep's models. */
    public FrontierModel read(Path modelFile) throws IOException {
        return ModelPacker.read(modelFile, ctx.device(), ctx.models()::byName);
    }

    /**
     * The stage whose model this stage transforms: the nearest ancestor that is not the teacher.
     */
    static Stage modelParent(List<Stage> path, Stage stage) {
        int i = path.indexOf(stage);
        for (int j = i - 1; j >= 0; j--) {
            if (!path.get(j).kind().equals(StageKind.TRAIN_TEACHER)) {
                return path.get(j);
            }
        }
        throw new IllegalStateException("stage " + stage.key() + " has no model to start from");
    }
}
