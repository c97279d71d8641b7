package dev.frontier.exec.pass;

import static dev.frontier.exec.store.StageStore.MODEL_FILE;

import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.compress.ModelPacker;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.quant.QuantizePass;
import dev.frontier.compress.quant.QuantizeResult;
import dev.frontier.exec.stage.Conversions;
import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.exec.store.ActivationFile;
import dev.frontier.model.FrontierModel;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Quantize;
import dev.frontier.train.TrainConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link Quantize}: post-training or quantization-aware; writes the Frontier model file with
 * exactly the quantized weights (the trial is measured from it) and the activation ranges.
 */
public final class QuantizeStep implements PassStep {

    /** For {@link java.util.ServiceLoader}. */
    public QuantizeStep() {}

    @Override
    public List<String> runs() {
        return List.of(Quantize.TYPE.name());
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        Quantize q = (Quantize) pass;
        Map<String, Object> meta = step.meta();
        QuantSettings settings = Conversions.quant(q);
        QuantizePass quantize;
        if (q.mode().value() == Quantize.Mode.QAT && settings.bits() != 32) {
            TrainConfig cfg =
                    step.withLr(
                            step.training().withEpochs(q.qatEpochs().value()), q.qatLr().value());
            meta.put("lr", cfg.lr());
            quantize = QuantizePass.qat(settings, cfg);
        } else {
            quantize = QuantizePass.ptq(settings);
        }
        try (FrontierModel model = step.loadInput()) {
            QuantizeResult r = quantize.apply(model, step.data(), step.progress("qat"));
            r.training().ifPresent(report -> step.record(report));
            // the file stores exactly the quantized weights; the trial is measured from this file
            SizeReport size =
                    ModelPacker.write(
                            model, r.encodings(), true, true, step.out().resolve(MODEL_FILE));
            ActivationFile.write(step.out().resolve(ActivationFile.NAME), r.activations());
            meta.put("encodings", describe(r.encodings()));
            meta.put("kernel_precision_hint", r.kernelPrecision());
            meta.put("file_bytes", size.fileBytes());
            step.save(model);
        }
    }

    private static Map<String, String> describe(Map<String, TensorEncoding> enc) {
        Map<String, String> d = new LinkedHashMap<>();
        enc.forEach((k, v) -> d.put(k, v.describe()));
        return d;
    }
}
