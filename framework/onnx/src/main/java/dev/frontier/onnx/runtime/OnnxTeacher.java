package dev.frontier.onnx.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.frontier.compress.TeacherLogits;
import dev.frontier.data.DataException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A distillation teacher given as an ONNX file, run on ONNX Runtime (CPU) batch by batch: each
 * training batch's normalized images go in, its logits come out. Opening checks the file against
 * the data: one float input [N, C, H, W] with the data's C, H, W (N free, or fixed: batches are
 * then run in chunks of N) and logits [N, classes] with the data's number of classes, confirmed by
 * running one chunk of zeros; anything else is one {@link DataException} naming the file, the
 * tensor and both shapes.
 */
public final class OnnxTeacher implements TeacherLogits, AutoCloseable {
    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final long[] inputShape;
    private final int chunk;
    private final int classes;

    private OnnxTeacher(
            Path file,
            OrtEnvironment env,
            OrtSession session,
            String input,
            String output,
            long[] inputShape,
            int chunk,
            int classes) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.input = input;
        this.output = output;
        this.inputShape = inputShape;
        this.chunk = chunk;
        this.classes = classes;
    }

    /**
     * Opens {@code file} for images of {@code channels x rows x cols} and {@code classes} classes,
     * with {@code threads} intra-op threads (0 = ONNX Runtime's default).
     *
     * @throws DataException when the file is missing, not ONNX, or its shapes do not fit the data
     */
    public static OnnxTeacher open(
            Path file, int channels, int rows, int cols, int classes, int threads) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such file (expected the teacher's ONNX model)");
        }
        OrtEnvironment env = OrtEnvironments.get();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            U8S8Saturation.apply(options);
            session = env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new DataException(
                    file + ": ONNX Runtime cannot load it as a teacher: " + e.getMessage(), e);
        }
        try {
            long[] want = {-1, channels, rows, cols};
            Map<String, NodeInfo> inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new DataException(
                        file
                                + ": the teacher has "
                                + inputs.size()
                                + " inputs "
                                + inputs.keySet()
                                + ", expected one image input "
                                + show(want));
            }
            String in = inputs.keySet().iterator().next();
            TensorInfo inInfo = tensor(file, "input", in, inputs.get(in));
            long[] inShape = inInfo.getShape();
            if (inInfo.type != OnnxJavaType.FLOAT
                    || inShape.length != 4
                    || !fits(inShape[1], channels)
                    || !fits(inShape[2], rows)
                    || !fits(inShape[3], cols)) {
                throw new DataException(
                        file
                                + ": teacher input '"
                                + in
                                + "' is "
                                + inInfo.type
                                + " "
                                + show(inShape)
                                + ", but the dataset's images are FLOAT "
                                + show(want)
                                + " (N = batch)");
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String out =
                    outputs.containsKey("logits") ? "logits" : outputs.keySet().iterator().next();
            TensorInfo outInfo = tensor(file, "output", out, outputs.get(out));
            long[] outShape = outInfo.getShape();
            if (outInfo.type != OnnxJavaType.FLOAT
                    || outShape.length != 2
                    || !fits(outShape[1], classes)) {
                throw new DataException(
                        file
                                + ": teacher output '"
                                + out
                                + "' is "
                                + outInfo.type
                                + " "
                                + show(outShape)
                                + ", but the dataset has "
                                + classes
                                + " classes: expected FLOAT "
                                + show(new long[] {-1, classes}));
            }
            int chunk = inShape[0] > 0 ? (int) inShape[0] : 0;
            long[] concrete = {chunk > 0 ? chunk : 1, channels, rows, cols};
            OnnxTeacher teacher =
                    new OnnxTeacher(file, env, session, in, out, concrete, chunk, classes);
            float[] probe =
                    teacher.runChunk(
                            new float[(int) (concrete[0] * channels * rows * cols)],
                            (int) concrete[0]);
            if (probe.length != concrete[0] * classes) {
                throw new DataException(
                        file
                                + ": teacher output '"
                                + out
                                + "' holds "
                                + probe.length
                                + " values for "
                                + concrete[0]
                                + " image(s), expected "
                                + concrete[0] * classes
                                + " ("
                                + classes
                                + " classes each)");
            }
            return teacher;
        } catch (OrtException e) {
            closeQuietly(session, e);
            throw new DataException(
                    file
                            + ": ONNX Runtime cannot describe the teacher's tensors: "
                            + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    private static void closeQuietly(OrtSession session, Exception cause) {
        try {
            session.close();
        } catch (OrtException closing) {
            cause.addSuppressed(closing);
        }
    }

    private static TensorInfo tensor(Path file, String role, String name, NodeInfo info) {
        if (!(info.getInfo() instanceof TensorInfo t)) {
            throw new DataException(
                    file
                            + ": teacher "
                            + role
                            + " '"
                            + name
                            + "' is not a tensor ("
                            + info.getInfo()
                            + ")");
        }
        return t;
    }

    private static boolean fits(long declared, long actual) {
        return declared < 0 || declared == actual;
    }

    private static String show(long[] shape) {
        return Arrays.toString(
                Arrays.stream(shape).mapToObj(d -> d < 0 ? "N" : Long.toString(d)).toArray());
    }

    @Override
    public NDArray logits(NDArray x) {
        long[] s = x.getShape().getShape();
        int batch = (int) s[0];
        int per = (int) (inputShape[1] * inputShape[2] * inputShape[3]);
        float[] images = x.toFloatArray();
        float[] logits = new float[batch * classes];
        int step = chunk > 0 ? chunk : batch;
        for (int from = 0; from < batch; from += step) {
            int n = Math.min(step, batch - from);
            float[] part = chunk > 0 ? new float[chunk * per] : new float[n * per];
            System.arraycopy(images, from * per, part, 0, n * per);
            float[] out = runChunk(part, chunk > 0 ? chunk : n);
            System.arraycopy(out, 0, logits, from * classes, n * classes);
        }
        return x.getManager().create(logits, new Shape(batch, classes));
    }

    private float[] runChunk(float[] images, int n) {
        long[] shape = {n, inputShape[1], inputShape[2], inputShape[3]};
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(images), shape);
                OrtSession.Result r = session.run(Map.of(input, t))) {
            OnnxValue v = r.get(output).orElseThrow();
            FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(
                    file + ": ONNX Runtime failed on a batch of " + n + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public String describe() {
        return "onnx:" + file.getFileName();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "closing the ONNX teacher " + file + ": " + e.getMessage(), e);
        }
    }
}
