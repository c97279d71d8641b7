package dev.frontier.exec.pass;

import dev.frontier.compress.Distillation;
import dev.frontier.compress.TeacherLogits;
import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.model.FrontierModel;
import dev.frontier.onnx.runtime.OnnxTeacher;
import dev.frontier.plan.StageKind;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Teacher;
import dev.frontier.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs {@link Distill}: trains a student on the teacher's soft targets; the teacher is the trained
 * teacher stage's model, or an ONNX file run on ONNX Runtime.
 */
public final class DistillStep implements PassStep {

    /** For {@link java.util.ServiceLoader}. */
    public DistillStep() {}

    @Override
    public List<String> runs() {
        return List.of(Distill.TYPE.name());
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        Distill d = (Distill) pass;
        Teacher t = step.sweep().teacher().orElseThrow();
        if (t.isOnnx()) {
            // ONNX Runtime computes the teacher's logits for each training batch (CPU), as the
            // student sees it
            Path file = t.onnx().orElseThrow();
            step.meta().put("teacher_onnx", file.toString());
            step.meta().put("teacher_sha256", step.sameFile("teacher_sha256", file));
            try (OnnxTeacher teacher =
                    OnnxTeacher.open(
                            file,
                            step.data().train().channels(),
                            step.data().train().rows(),
                            step.data().train().cols(),
                            step.data().train().numClasses(),
                            step.sweep().threads())) {
                distillFrom(teacher, d, step);
            }
            return;
        }
        try (FrontierModel teacher = step.loadAncestor(StageKind.TRAIN_TEACHER)) {
            distillFrom(TeacherLogits.of(teacher), d, step);
        }
    }

    private static void distillFrom(TeacherLogits teacher, Distill d, StepContext step)
            throws IOException {
        FrontierModel student =
                d.init().value() == Distill.Init.BASELINE
                        ? step.loadAncestor(StageKind.TRAIN_BASELINE)
                        : FrontierModel.create(
                                step.studentSpec(), step.device(), step.stage().seed());
        try (student) {
            Distillation distillation =
                    new Distillation(d.temperature().value(), d.alpha().value());
            TrainConfig cfg = step.training().withEpochs(d.epochs().value());
            step.train(cfg, distillation.hooks(teacher, student.spec()), student);
            step.save(student);
        }
    }
}
