package dev.frontier.exec.stage;

import ai.djl.Device;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.PretrainedWeights;
import dev.frontier.onnx.runtime.OnnxTeacher;
import dev.frontier.plan.Plan;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Teacher;
import dev.frontier.spec.Training;

/**
 * Checks the files a sweep loads instead of training before any stage runs: pretrained weights must
 * fit their model and an ONNX teacher the data, or the sweep stops with one {@link
 * dev.frontier.data.DataException} naming the file (and the parameter or tensor, with both shapes).
 */
public final class InputCheck {
    private InputCheck() {}

    public static void check(
            dev.frontier.spec.Sweep sweep,
            Plan plan,
            DataSplits data,
            Device device,
            SweepModels models) {
        weights(() -> models.studentSpec(data), sweep.training(), device);
        boolean distills =
                plan.trials().stream()
                        .anyMatch(t -> t.pipeline().stream().anyMatch(p -> p instanceof Distill));
        if (!distills || sweep.teacher().isEmpty()) {
            return;
        }
        Teacher t = sweep.teacher().get();
        if (t.isOnnx()) {
            try (OnnxTeacher teacher =
                    OnnxTeacher.open(
                            t.onnx().orElseThrow(),
                            data.train().channels(),
                            data.train().rows(),
                            data.train().cols(),
                            data.train().numClasses(),
                            sweep.threads())) {
                // opening validated the shapes and ran one chunk
            }
        } else {
            weights(() -> models.teacherSpec(data), t.training(), device);
        }
    }

    private static void weights(
            java.util.function.Supplier<ModelSpec> model, Training training, Device device) {
        if (training.pretrained().isEmpty()) {
            return;
        }
        ModelSpec spec = model.get();
        try (FrontierModel m = FrontierModel.create(spec, device, 0)) {
            PretrainedWeights.load(m, training.pretrained().get());
        }
    }
}
