package dev.frontier.exec.stage;

import static dev.frontier.exec.store.StageStore.CHECKPOINT;
import static dev.frontier.exec.store.StageStore.MODEL_FILE;

import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.compress.Distillation;
import dev.frontier.compress.GradualSchedule;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.MagnitudePruner;
import dev.frontier.compress.Masks;
import dev.frontier.compress.ModelPacker;
import dev.frontier.compress.PruningHooks;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.StructuredPruner;
import dev.frontier.compress.TeacherLogits;
import dev.frontier.compress.quant.QuantizePass;
import dev.frontier.compress.quant.QuantizeResult;
import dev.frontier.exec.store.ActivationFile;
import dev.frontier.exec.store.Yaml;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.PretrainedWeights;
import dev.frontier.onnx.runtime.OnnxTeacher;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Finetune;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Quantize;
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

    public StageRunner(RunContext ctx) {
        this.ctx = ctx;
    }

    /** The device stages run on. */
    ai.djl.Device device() {
        return ctx.device();
    }

    /** Runs {@code stage} (whose ancestors are done) and commits it to the store. */
    public void run(Stage stage, List<Stage> path) throws IOException {
        Path tmp = ctx.store().begin(stage.key());
        long t0 = System.nanoTime();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("kind", stage.kind().name());
        meta.put("key", stage.key());
        meta.put("label", stage.label());
        meta.put("seed", stage.seed());
        switch (stage.kind()) {
            case TRAIN_BASELINE ->
                    trainFresh(
                            ctx.models().studentSpec(ctx.data()),
                            ctx.sweep().training(),
                            stage,
                            tmp,
                            meta);
            case TRAIN_TEACHER -> {
                Teacher t = ctx.sweep().teacher().orElseThrow();
                trainFresh(ctx.models().teacherSpec(ctx.data()), t.training(), stage, tmp, meta);
            }
            case DISTILL -> distill((Distill) pass(stage), stage, path, tmp, meta);
            case PRUNE -> prune((Prune) pass(stage), stage, path, tmp, meta);
            case FINETUNE -> finetune((Finetune) pass(stage), stage, path, tmp, meta);
            case QUANTIZE -> quantize((Quantize) pass(stage), stage, path, tmp, meta);
            default ->
                    throw new IllegalStateException(
                            "stage kind " + stage.kind() + " is measured, not run");
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
    private static String sameFile(Stage stage, String param, Path file) {
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

    private void distill(
            Distill d, Stage stage, List<Stage> path, Path out, Map<String, Object> meta)
            throws IOException {
        Teacher t = ctx.sweep().teacher().orElseThrow();
        if (t.isOnnx()) {
            // ONNX Runtime computes the teacher's logits for each training batch (CPU), as the
            // student sees it
            Path file = t.onnx().orElseThrow();
            meta.put("teacher_onnx", file.toString());
            meta.put("teacher_sha256", sameFile(stage, "teacher_sha256", file));
            try (OnnxTeacher teacher =
                    OnnxTeacher.open(
                            file,
                            ctx.data().train().channels(),
                            ctx.data().train().rows(),
                            ctx.data().train().cols(),
                            ctx.data().train().numClasses(),
                            ctx.sweep().threads())) {
                distillFrom(teacher, d, stage, path, out, meta);
            }
            return;
        }
        try (FrontierModel teacher = load(ancestor(path, stage, StageKind.TRAIN_TEACHER))) {
            distillFrom(TeacherLogits.of(teacher), d, stage, path, out, meta);
        }
    }

    private void distillFrom(
            TeacherLogits teacher,
            Distill d,
            Stage stage,
            List<Stage> path,
            Path out,
            Map<String, Object> meta)
            throws IOException {
        FrontierModel student;
        if (d.init().value() == Distill.Init.BASELINE) {
            student = load(ancestor(path, stage, StageKind.TRAIN_BASELINE));
        } else {
            ModelSpec s = ctx.models().studentSpec(ctx.data());
            student = FrontierModel.create(s, ctx.device(), stage.seed());
        }
        try (student) {
            Distillation distillation =
                    new Distillation(d.temperature().value(), d.alpha().value());
            TrainConfig cfg =
                    Conversions.train(ctx.sweep().training(), stage.seed())
                            .withEpochs(d.epochs().value());
            record(meta, train(cfg, distillation.hooks(teacher, student.spec()), stage, student));
            Checkpoint.save(student, out.resolve(CHECKPOINT));
        }
    }

    private void prune(Prune p, Stage stage, List<Stage> path, Path out, Map<String, Object> meta)
            throws IOException {
        double ratio = p.ratio().value();
        int epochs = p.finetuneEpochs().value();
        TrainConfig cfg =
                Conversions.withLr(
                        Conversions.train(ctx.sweep().training(), stage.seed()).withEpochs(epochs),
                        p.finetuneLr().value());
        if (epochs > 0) {
            meta.put("lr", cfg.lr());
        }
        try (FrontierModel input = load(modelParent(path, stage))) {
            if (p.method().value() == Prune.Method.STRUCTURED) {
                StructuredPruner pruner =
                        new StructuredPruner(Conversions.norm(p.norm().value()), p.exclude());
                try (FrontierModel small = pruner.apply(input, pruner.plan(input, ratio))) {
                    meta.put("hidden", small.spec().effectiveHidden());
                    if (epochs > 0) {
                        record(meta, train(cfg, TrainingHooks.standard(), stage, small));
                    }
                    Checkpoint.save(small, out.resolve(CHECKPOINT));
                }
                return;
            }
            LayerMap layers = LayerMap.of(input.block());
            List<String> excluded = layers.excludedFromPruning(p.exclude());
            MagnitudePruner pruner =
                    new MagnitudePruner(Conversions.scope(p.scope().value()), excluded);
            meta.put("excluded", excluded);
            try (var maskScope = input.djlModel().getNDManager().newSubManager()) {
                TrainingHooks hooks;
                if (p.schedule().value() == Prune.Schedule.GRADUAL && epochs > 0) {
                    int steps =
                            epochs
                                    * ((ctx.data().train().size() + cfg.batchSize() - 1)
                                            / cfg.batchSize());
                    int end = Math.max(1, (int) (steps * p.rampEnd().value()));
                    meta.put("steps", steps);
                    meta.put("ramp_end_step", end);
                    hooks =
                            TrainingHooks.standard()
                                    .withAfterStep(
                                            PruningHooks.gradual(
                                                    pruner,
                                                    new GradualSchedule(
                                                            0,
                                                            ratio,
                                                            0,
                                                            end,
                                                            Math.max(1, end / 20)),
                                                    maskScope));
                } else {
                    // the training loop keeps the zeros of a pruned model zero (ZeroGuard): no hook
                    // needed
                    try (Masks masks = pruner.masks(layers, ratio, maskScope)) {
                        masks.apply(layers);
                    }
                    hooks = TrainingHooks.standard();
                }
                if (epochs > 0) {
                    record(meta, train(cfg, hooks, stage, input));
                }
            }
            Checkpoint.save(input, out.resolve(CHECKPOINT));
        }
    }

    private void finetune(
            Finetune f, Stage stage, List<Stage> path, Path out, Map<String, Object> meta)
            throws IOException {
        TrainConfig cfg =
                Conversions.train(ctx.sweep().training(), stage.seed())
                        .withEpochs(f.epochs().value())
                        .withLr(f.lr().value());
        try (FrontierModel input = load(modelParent(path, stage))) {
            // a pruned input stays pruned: the training loop re-applies its zeros after every step
            record(meta, train(cfg, TrainingHooks.standard(), stage, input));
            Checkpoint.save(input, out.resolve(CHECKPOINT));
        }
    }

    private void quantize(
            Quantize q, Stage stage, List<Stage> path, Path out, Map<String, Object> meta)
            throws IOException {
        QuantSettings settings = Conversions.quant(q);
        QuantizePass pass;
        if (q.mode().value() == Quantize.Mode.QAT && settings.bits() != 32) {
            TrainConfig cfg =
                    Conversions.withLr(
                            Conversions.train(ctx.sweep().training(), stage.seed())
                                    .withEpochs(q.qatEpochs().value()),
                            q.qatLr().value());
            meta.put("lr", cfg.lr());
            pass = QuantizePass.qat(settings, cfg);
        } else {
            pass = QuantizePass.ptq(settings);
        }
        try (FrontierModel model = load(modelParent(path, stage))) {
            QuantizeResult r = pass.apply(model, ctx.data(), ctx.progress("qat"));
            r.training().ifPresent(report -> record(meta, report));
            // the file stores exactly the quantized weights; the trial is measured from this file
            SizeReport size =
                    ModelPacker.write(model, r.encodings(), true, true, out.resolve(MODEL_FILE));
            ActivationFile.write(out.resolve(ActivationFile.NAME), r.activations());
            meta.put("encodings", describe(r.encodings()));
            meta.put("kernel_precision_hint", r.kernelPrecision());
            meta.put("file_bytes", size.fileBytes());
            Checkpoint.save(model, out.resolve(CHECKPOINT));
        }
    }

    private static Map<String, String> describe(Map<String, TensorEncoding> enc) {
        Map<String, String> d = new LinkedHashMap<>();
        enc.forEach((k, v) -> d.put(k, v.describe()));
        return d;
    }

    /** Trains {@code model} on the sweep's training split, validating on its validation split. */
    private TrainingReport train(
            TrainConfig cfg, TrainingHooks hooks, Stage stage, FrontierModel model) {
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

    private static void record(Map<String, Object> meta, TrainingReport r) {
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
            if (path.get(j).kind() != StageKind.TRAIN_TEACHER) {
                return path.get(j);
            }
        }
        throw new IllegalStateException("stage " + stage.key() + " has no model to start from");
    }

    private static Stage ancestor(List<Stage> path, Stage stage, StageKind kind) {
        for (int j = path.indexOf(stage) - 1; j >= 0; j--) {
            if (path.get(j).kind() == kind) {
                return path.get(j);
            }
        }
        throw new IllegalStateException("stage " + stage.key() + " has no " + kind + " ancestor");
    }
}
