package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.data.Checksums;
import dev.frontier.data.DataException;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.eval.Evaluator;
import dev.frontier.exec.stage.Conversions;
import dev.frontier.exec.stage.SweepModels;
import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.store.Yaml;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pretrained baseline (DJL .params and Frontier checkpoint) and an ONNX teacher exported by an
 * earlier run, end to end on real Fashion-MNIST images.
 */
class PretrainedSweepTest {
    private static final String DATA =
            "dataset: {name: fashion-mnist, limit: 1500, splitSeed: 1}\n";

    @TempDir Path dir;

    SweepRunner runner(ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")));
    }

    private Sweep sweep(String name, String rest) throws IOException {
        Path f = dir.resolve(name + ".yaml");
        Files.writeString(
                f,
                "name: "
                        + name
                        + "\n"
                        + DATA
                        + "seed: 7\ndevice: cpu\nthreads: 1\nparallelism: 1\n"
                        + rest);
        return SpecReader.read(f);
    }

    private static DataSplits data(Sweep sweep) {
        return Datasets.standard(Conversions.data(sweep.dataset()), m -> {})
                .load(Conversions.data(sweep.dataset()));
    }

    private static Stage stage(SweepResult r, StageKind kind) {
        return r.plan().stages().stream()
                .filter(s -> s.kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> stageYaml(SweepResult r, Stage s) throws IOException {
        return Yaml.load(
                Files.readString(
                        r.runDirectory().resolve("stages").resolve(s.key()).resolve("stage.yaml")),
                "stage.yaml");
    }

    private static boolean anyCheckpoint(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(run)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(StageStore.CHECKPOINT));
        }
    }

    @Test
    void
            pretrainedBaseline_fromDjlParamsOrCheckpoint_isLoadedNotTrained_andAWrongShapeIsOneClearError()
                    throws IOException {
        EngineSetup.start(1);
        Sweep probe = sweep("probe", "model: {name: mlp, width: 0.25}\n");
        DataSplits d = data(probe);
        ModelSpec spec =
                Conversions.model(
                        probe.model(), SweepModels.provider(probe.model()), 1, 28, 28, 10);
        Path params;
        Path ckpt = dir.resolve("saved/model.ckpt");
        double saved;
        try (FrontierModel m = FrontierModel.create(spec, Device.cpu(), 42)) {
            new TrainingLoop(
                            Conversions.train(probe.training().withEpochs(2), 42),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, d.train(), d.validation(), d.mean(), d.std());
            saved = new Evaluator(500).evaluate(m, d.test(), d.mean(), d.std()).accuracy().value();
            m.djlModel().save(dir.resolve("saved"), "tiny");
            Checkpoint.save(m, ckpt);
        }
        params = dir.resolve("saved/tiny-0000.params");
        assertTrue(Files.isRegularFile(params));
        assertTrue(saved > 0.5, "the saved model learned: " + saved);

        String rest =
                "model: {name: mlp, width: 0.25}\ntraining: {epochs: 3, batchSize: 64, pretrained: %s}\n"
                        + "pipeline:\n  - prune: {ratio: 0.5, finetuneEpochs: 1}\nruntime: djl-pytorch\n";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r =
                runner(log)
                        .run(
                                sweep("pre-params", rest.formatted("saved/tiny-0000.params")),
                                dir.resolve("run1"));
        assertEquals(0, r.failedTrials(), log.toString());
        TrialOutcome base = r.outcomes().get(0);
        assertEquals(saved, base.metrics().get("accuracy"), 0.0, "the baseline is the saved model");
        Stage root = stage(r, StageKind.TRAIN_BASELINE);
        Map<String, Object> meta = stageYaml(r, root);
        assertFalse(meta.containsKey("epochs"), "no training: " + meta);
        assertFalse(meta.containsKey("train_seconds"), meta.toString());
        assertEquals(params.toString(), meta.get("pretrained"));
        assertEquals("djl_params", meta.get("pretrained_format"));
        assertEquals(Checksums.sha256(params), meta.get("pretrained_sha256"));
        assertEquals(Checksums.sha256(params), root.params().get("pretrained_sha256"));
        // epochs: the baseline's are unknown; the pruned trial trained 1 epoch beyond it
        assertEquals(1.0, base.metrics().get("baseline_pretrained"));
        assertFalse(base.metrics().containsKey("train_epochs"), base.metrics().toString());
        TrialOutcome pruned = r.outcomes().get(1);
        assertEquals(1.0, pruned.metrics().get("baseline_pretrained"));
        assertEquals(1.0, pruned.metrics().get("extra_epochs"));
        assertFalse(pruned.metrics().containsKey("train_epochs"), pruned.metrics().toString());

        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        SweepResult c =
                runner(log2)
                        .run(
                                sweep("pre-ckpt", rest.formatted("saved/model.ckpt")),
                                dir.resolve("run2"));
        assertEquals(0, c.failedTrials(), log2.toString());
        assertEquals(saved, c.outcomes().get(0).metrics().get("accuracy"), 0.0);
        assertEquals(
                "frontier_checkpoint",
                stageYaml(c, stage(c, StageKind.TRAIN_BASELINE)).get("pretrained_format"));
        assertNotEquals(
                root.key(), stage(c, StageKind.TRAIN_BASELINE).key(), "another file, another key");

        // weights of a wider mlp: one error naming the file, the parameter and both shapes, before
        // any stage
        Path wide = dir.resolve("wide");
        try (FrontierModel m =
                FrontierModel.create(
                        Conversions.model(
                                        probe.model(),
                                        SweepModels.provider(probe.model()),
                                        1,
                                        28,
                                        28,
                                        10)
                                .withHidden(List.of(40, 20)),
                        Device.cpu(),
                        1)) {
            m.djlModel().save(wide, "wide");
        }
        ByteArrayOutputStream log3 = new ByteArrayOutputStream();
        Sweep bad = sweep("pre-bad", rest.formatted("wide/wide-0000.params"));
        DataException e =
                assertThrows(DataException.class, () -> runner(log3).run(bad, dir.resolve("run3")));
        String msg = e.getMessage();
        System.out.println("wrong shape: " + msg);
        assertTrue(msg.startsWith(wide.resolve("wide-0000.params") + ": parameter "), msg);
        assertTrue(
                msg.matches(
                        "(?s).*parameter \\S+ has shape \\(\\d+(, \\d+)*\\) in the file, but model mlp .* expects"
                                + " \\(\\d+(, \\d+)*\\).*"),
                msg);
        assertFalse(anyCheckpoint(dir.resolve("run3")), "no stage ran");
    }

    @Test
    void onnxTeacher_exportedByAnEarlierRun_teachesAStudentThroughOnnxRuntime() throws IOException {
        // run 1: a cnn baseline measured on onnxruntime writes its model.onnx
        ByteArrayOutputStream log1 = new ByteArrayOutputStream();
        SweepResult first =
                runner(log1)
                        .run(
                                sweep(
                                        "teacher-run",
                                        "model: cnn\ntraining: {epochs: 2, batchSize: 64}\n"
                                                + "pipeline:\n  - quantize: {bits: 32}\nruntime: onnxruntime\n"),
                                dir.resolve("teacher-run"));
        assertEquals(0, first.failedTrials(), log1.toString());
        double teacherAccuracy = first.outcomes().get(0).metrics().get("accuracy");
        Path onnx;
        try (Stream<Path> files = Files.walk(dir.resolve("teacher-run/trials"))) {
            onnx =
                    files.filter(p -> p.getFileName().toString().equals("model.onnx"))
                            .sorted()
                            .findFirst()
                            .orElseThrow();
        }
        Files.copy(onnx, dir.resolve("teacher.onnx"));

        // run 2: a small mlp distilled from it with the soft-target loss alone (alpha 1: labels
        // unused)
        String student =
                "model: {name: mlp, width: 0.25}\ntraining: {epochs: 2, batchSize: 64}\nteacher: {onnx: teacher.onnx}\n"
                        + "pipeline:\n  - distill: {alpha: 1.0, temperature: 4, epochs: 2}\nruntime: djl-pytorch\n";
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        SweepResult r = runner(log2).run(sweep("onnx-teacher", student), dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log2.toString());
        assertTrue(
                r.plan().stages().stream()
                        .noneMatch(s -> s.kind().equals(StageKind.TRAIN_TEACHER)));
        Stage distill = stage(r, StageKind.pass("distill"));
        Map<String, Object> meta = stageYaml(r, distill);
        assertEquals(dir.resolve("teacher.onnx").toString(), meta.get("teacher_onnx"));
        assertEquals(Checksums.sha256(dir.resolve("teacher.onnx")), meta.get("teacher_sha256"));
        double studentAccuracy = r.outcomes().get(1).metrics().get("accuracy");
        System.out.printf(
                "ONNX teacher %.4f, student distilled from it with alpha=1 (no labels, 2 epochs) %.4f,"
                        + " the same mlp trained alone on labels (2 epochs) %.4f%n",
                teacherAccuracy, studentAccuracy, r.outcomes().get(0).metrics().get("accuracy"));
        assertTrue(teacherAccuracy > 0.6, "teacher " + teacherAccuracy);
        // without labels, only the teacher's logits can lift the student above chance (0.1)
        assertTrue(studentAccuracy > 0.5, "student " + studentAccuracy);

        // an ONNX file for another input shape: one clear error before any stage
        Path wrong = dir.resolve("wrong.onnx");
        EngineSetup.start(1);
        try (FrontierModel m =
                FrontierModel.create(
                        new ModelSpec("mlp", 0.25, 3, 32, 32, 10, List.of()), Device.cpu(), 1)) {
            OnnxExporter.fp32().export(m).write(wrong);
        }
        Sweep bad = sweep("onnx-bad", student.replace("teacher.onnx", "wrong.onnx"));
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> runner(new ByteArrayOutputStream()).run(bad, dir.resolve("run-bad")));
        System.out.println("wrong ONNX: " + e.getMessage());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                wrong
                                        + ": teacher input 'input' is FLOAT [N, 3, 32, 32], but the dataset's"
                                        + " images are FLOAT [N, 1, 28, 28]"),
                e.getMessage());
        assertFalse(anyCheckpoint(dir.resolve("run-bad")), "no stage ran");
    }
}
