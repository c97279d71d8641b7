package dev.frontier.onnx;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.data.ImageSet;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.onnx.export.ExportedModel;
import dev.frontier.onnx.runtime.InferenceRuntime;
import dev.frontier.onnx.runtime.OrtOptions;
import dev.frontier.onnx.runtime.OrtRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Shared test set-up: models with non-trivial BatchNorm statistics, synthetic data, runtimes from
 * exports.
 */
public final class Fixtures {
    private Fixtures() {}

    /**
     * A seeded zoo model whose BatchNorm layers carry random (not identity) running statistics and
     * affine terms.
     */
    public static FrontierModel model(ModelSpec spec, long seed) {
        EngineSetup.start(1);
        FrontierModel m = FrontierModel.create(spec, Device.cpu(), seed);
        randomizeBatchNorm(m.block(), new Random(seed));
        return m;
    }

    private static void randomizeBatchNorm(Block b, Random rnd) {
        if (b instanceof BatchNorm) {
            for (Pair<String, Parameter> p : b.getDirectParameters()) {
                var a = p.getValue().getArray();
                float[] v = new float[(int) a.size()];
                for (int i = 0; i < v.length; i++) {
                    switch (p.getKey()) {
                        case "runningVar" -> v[i] = 0.2f + 2 * rnd.nextFloat();
                        case "gamma" -> v[i] = 0.5f + rnd.nextFloat();
                        default -> v[i] = (float) (0.3 * rnd.nextGaussian());
                    }
                }
                a.set(v);
            }
            return;
        }
        for (Pair<String, Block> c : b.getChildren()) {
            randomizeBatchNorm(c.getValue(), rnd);
        }
    }

    /** The synthetic dataset (generated, no files needed). */
    public static DataSplits synthetic() {
        DataRequest r = DataRequest.of("synthetic").withLimit(600).withTestLimit(200);
        return Datasets.standard(r, s -> {}).load(r);
    }

    /** Real Fashion-MNIST (integration tests only). */
    public static DataSplits fashion(int limit, int testLimit) {
        DataRequest r = DataRequest.of("fashion-mnist").withLimit(limit).withTestLimit(testLimit);
        return Datasets.standard(r, System.out::println).load(r);
    }

    /** The first {@code n} images of {@code set}, normalized, as one [n, C, H, W] buffer. */
    public static float[] images(ImageSet set, int n, float mean, float std) {
        float[] x = new float[n * set.imageSize()];
        for (int i = 0; i < n; i++) {
            set.copyNormalized(i, x, i * set.imageSize(), mean, std);
        }
        return x;
    }

    /** Writes {@code exported} under {@code dir} and loads it on ONNX Runtime with one thread. */
    public static OrtRuntime ort(ExportedModel exported, Path dir) throws IOException {
        Path file =
                exported.write(
                        dir.resolve(
                                exported.spec().name()
                                        + "-"
                                        + exported.kernelPrecision()
                                        + ".onnx"));
        return OrtRuntime.load(file, exported.spec(), OrtOptions.threads(1));
    }

    /** Largest absolute difference between two runtimes' logits on the same images. */
    public static double maxAbsDiff(InferenceRuntime a, InferenceRuntime b, float[] x, int n) {
        float[] ya = a.run(x, n);
        float[] yb = b.run(x, n);
        double d = 0;
        for (int i = 0; i < ya.length; i++) {
            d = Math.max(d, Math.abs(ya[i] - yb[i]));
        }
        return d;
    }

    /** Fraction of rows where both logit arrays have the same arg-max. */
    public static double argmaxAgreement(float[] a, float[] b, int classes) {
        int n = a.length / classes;
        int same = 0;
        for (int i = 0; i < n; i++) {
            if (argmax(a, i, classes) == argmax(b, i, classes)) {
                same++;
            }
        }
        return (double) same / n;
    }

    private static int argmax(float[] y, int row, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (y[row * k + c] > y[row * k + best]) {
                best = c;
            }
        }
        return best;
    }
}
