package dev.frontier.onnx.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.compress.LayerMap;
import dev.frontier.data.DataSplits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.Fixtures;
import dev.frontier.onnx.calibrate.ActivationCalibrator;
import dev.frontier.onnx.export.OnnxExporter;
import dev.frontier.onnx.quant.WeightQuant;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelInspectorTest {
    @TempDir Path dir;

    private Path qdq(FrontierModel m) throws java.io.IOException {
        DataSplits d = Fixtures.synthetic();
        return OnnxExporter.qdq(
                        new ActivationCalibrator(CalibrationMethod.MIN_MAX, 64, 64)
                                .plan(m, d.validation(), d.mean(), d.std(), WeightQuant.int8()))
                .export(m)
                .write(dir.resolve(m.spec().name() + ".onnx"));
    }

    /**
     * Guards the reason inspection stops at EXTENDED: level 3 only relayouts (ORT warns once here,
     * as expected).
     */
    @Test
    void extendedLevel_findsTheSameKernelsAsAllOptimizations() throws Exception {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("cnn", 1), 3)) {
            Path f = qdq(m);
            KernelReport extended = KernelInspector.inspect(f, OptLevel.EXTENDED_OPT);
            KernelReport all = KernelInspector.inspect(f, OptLevel.ALL_OPT);
            assertEquals(all.kernelPrecision(), extended.kernelPrecision());
            assertEquals(
                    all.int8Kernels(),
                    extended.int8Kernels(),
                    "ALL: " + all.opCounts() + ", EXTENDED: " + extended.opCounts());
            assertEquals(all.fp32Kernels(), extended.fp32Kernels());
            assertEquals(LayerMap.of(m.block()).layers().size(), extended.int8Kernels());
        }
    }

    @Test
    void unoptimizedQdqGraph_isReportedFp32_becauseItRunsLiterally() throws Exception {
        try (FrontierModel m = Fixtures.model(ModelSpec.of("lenet5", 1), 3)) {
            KernelReport r = KernelInspector.inspect(qdq(m), false);
            assertEquals("fp32", r.kernelPrecision(), r.opCounts().toString());
            assertEquals(5, r.fp32Kernels());
        }
    }
}
