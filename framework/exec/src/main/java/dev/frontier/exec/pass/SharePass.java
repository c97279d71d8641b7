package dev.frontier.exec.pass;

import static dev.frontier.exec.store.StageStore.MODEL_FILE;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.HalfFloat;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.ModelPacker;
import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.limits.Interval;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.Named;
import dev.frontier.spec.ParamDecl;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassProvider;
import dev.frontier.spec.PassType;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code share} pass: weight sharing as Deep Compression's trained quantization (Han et al.
 * 2016). Each conv/linear layer's non-zero weights are clustered by k-means (Lloyd's algorithm, 1-D
 * and exact) into at most {@code 2^bits} centroids; every weight takes its centroid's value. Pruned
 * zeros take no part: they are never a centroid and never regrow. Then the centroids are
 * fine-tuned: the gradient of every weight sharing a centroid is summed into that centroid's
 * gradient, and the centroids (not the weights) take the optimizer's step, so weights that share a
 * value keep sharing it. The model file stores each shared layer as its codebook and one {@code
 * bits}-bit index per non-zero weight (FORMAT.md, "Shared tensors"); ONNX Runtime runs the
 * dequantized fp32 weights.
 */
public final class SharePass implements PassProvider, PassStep {

    /** How the centroids start (Han et al. compare forgy, density and linear; linear did best). */
    public enum Init implements Named {
        /**
         * Evenly spaced over [min, max] of the layer's non-zero weights (Deep Compression's best).
         */
        LINEAR,
        /** Evenly spaced over the weights' CDF: the (j + 1/2)/k quantiles. */
        DENSITY;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How the codebook entries and the layers' biases are stored: fp32, or fp16 (rounded to half
     * after fine-tuning, in the model as in the file).
     */
    public enum Width implements Named {
        /** 4 bytes a value. */
        FP32,
        /** 2 bytes a value; the values are rounded to half after fine-tuning. */
        FP16;

        @Override
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The pass's type: {@code share}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.of(
                            "share",
                            PassType.Role.ENCODE,
                            "weight sharing (Deep Compression's trained quantization): k-means"
                                    + " centroids per layer over the non-zero weights, centroids"
                                    + " fine-tuned; the file stores a codebook and indices",
                            List.of(
                                    ParamDecl.integer(
                                            "bits",
                                            4,
                                            Interval.closed(
                                                    Limits.MIN_INTEGER_BITS,
                                                    Limits.MAX_INTEGER_BITS),
                                            "a bit width",
                                            "index bits: at most 2^bits shared values per layer,"
                                                    + " in [1, 8]"),
                                    ParamDecl.choice(
                                            "init",
                                            Init.class,
                                            Init.LINEAR,
                                            "centroid initialization: linear over [min, max]"
                                                    + " (Deep Compression's best) or density"
                                                    + " (quantiles)"),
                                    ParamDecl.integer(
                                            "finetuneEpochs",
                                            1,
                                            Limits.OPTIONAL_EPOCHS,
                                            "a count",
                                            "centroid fine-tuning epochs (each centroid takes the"
                                                    + " summed gradient of its weights)"),
                                    ParamDecl.decimal(
                                            "finetuneLr",
                                            0.0,
                                            Limits.OPTIONAL_LEARNING_RATE,
                                            "a learning rate",
                                            "learning rate of the centroid fine-tuning > 0; 0"
                                                    + " (default) keeps the training's"),
                                    ParamDecl.choice(
                                            "codebook",
                                            Width.class,
                                            Width.FP32,
                                            "codebook entries stored as fp32 or fp16"),
                                    ParamDecl.choice(
                                            "biases",
                                            Width.class,
                                            Width.FP32,
                                            "the shared layers' biases stored as fp32 or fp16"
                                                    + " (rounded to half after fine-tuning, in"
                                                    + " the model as in the file)"),
                                    ParamDecl.strings(
                                            "exclude",
                                            "layers left fp32 (default: none; every conv/linear"
                                                    + " layer is shared)")))
                    .withEpochs("finetuneEpochs");

    /** The smallest normal fp16 value, 2^-14: where a centroid rounding to zero goes instead. */
    static final float MIN_NORMAL_HALF = 0x1p-14f;

    /** Lloyd iterations at most; 1-D k-means on sorted values converges in far fewer. */
    static final int MAX_ITERATIONS = 300;

    /** For {@link java.util.ServiceLoader} (both as provider and as step). */
    public SharePass() {}

    @Override
    public List<PassType> passes() {
        return List.of(TYPE);
    }

    @Override
    public List<String> runs() {
        return List.of(TYPE.name());
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        GenericPass p = (GenericPass) pass;
        int bits = ((Number) p.value("bits")).intValue();
        Init init = p.value("init");
        int epochs = ((Number) p.value("finetuneEpochs")).intValue();
        boolean half = p.value("codebook") == Width.FP16;
        boolean halfBiases = p.value("biases") == Width.FP16;
        List<String> exclude = p.value("exclude");
        TrainConfig cfg =
                step.withLr(
                        step.training().withEpochs(epochs),
                        ((Number) p.value("finetuneLr")).doubleValue());
        Map<String, Object> meta = step.meta();
        try (FrontierModel model = step.loadInput()) {
            Map<String, Shared> shared = cluster(model, bits, init, exclude);
            Map<String, Object> before = describe(shared);
            meta.put("clusters", before);
            if (epochs > 0) {
                meta.put("lr", cfg.lr());
                int batches = (step.data().train().size() + cfg.batchSize() - 1) / cfg.batchSize();
                CentroidTraining training = new CentroidTraining(shared, cfg, batches);
                step.train(cfg, training.addTo(TrainingHooks.standard()), model);
                // early stopping may have restored an earlier epoch's (shared) weights: the
                // centroids are what the weights now hold
                LayerMap trained = LayerMap.of(model.block());
                shared.forEach(
                        (layer, s) ->
                                s.readBack(trained.get(layer).weight().getArray().toFloatArray()));
                meta.put("centroid_steps", training.steps());
                meta.put("centroid_shift", shifts(shared, training.initial()));
            }
            if (half) {
                shared.values().forEach(Shared::roundToHalf);
            }
            LayerMap layers = LayerMap.of(model.block());
            shared.forEach((layer, s) -> s.apply(layers.get(layer).weight()));
            Map<String, TensorEncoding> encodings = new LinkedHashMap<>();
            Map<String, TensorEncoding> biasEncodings = new LinkedHashMap<>();
            Map<String, String> described = new LinkedHashMap<>();
            for (String layer : shared.keySet()) {
                TensorEncoding enc = TensorEncoding.shared(bits, half);
                encodings.put(layer, enc);
                described.put(layer, enc.withSparse(true).describe());
                if (halfBiases) {
                    layers.get(layer)
                            .bias()
                            .ifPresent(
                                    b -> {
                                        storeAs(b, TensorEncoding.fp16());
                                        biasEncodings.put(layer, TensorEncoding.fp16());
                                    });
                }
            }
            // the file stores exactly the shared weights (and the biases as rounded); the trial is
            // measured from this file
            SizeReport size =
                    ModelPacker.write(
                            model,
                            encodings,
                            biasEncodings,
                            true,
                            true,
                            step.out().resolve(MODEL_FILE));
            meta.put("bias_precision", halfBiases ? "fp16" : "fp32");
            meta.put("encodings", described);
            meta.put("excluded", exclude);
            // weights only: ONNX Runtime gets the codebook values as fp32 weights and runs fp32
            // kernels (the measured kernel_precision says what it really ran)
            meta.put("kernel_precision_hint", "fp32");
            meta.put("file_bytes", size.fileBytes());
            step.save(model);
        }
    }

    /**
     * Puts a parameter's values on {@code encoding}'s grid (e.g. half precision), exactly as the
     * file will store them, so the model measured is the model stored.
     */
    static void storeAs(Parameter p, TensorEncoding encoding) {
        NDArray a = p.getArray();
        int[] shape = Arrays.stream(a.getShape().getShape()).mapToInt(d -> (int) d).toArray();
        a.set(FloatBuffer.wrap(encoding.precision().fakeQuantize(a.toFloatArray(), shape)));
    }

    /**
     * One shared layer: each weight's centroid index ({@code -1} for a pruned zero, which stays
     * zero) and the centroids, ascending after clustering.
     */
    static final class Shared {
        final int[] index;
        final float[] centroids;
        final int nonZeros;
        final int iterations;
        final int relocations;

        Shared(int[] index, float[] centroids, int nonZeros, int iterations, int relocations) {
            this.index = index;
            this.centroids = centroids;
            this.nonZeros = nonZeros;
            this.iterations = iterations;
            this.relocations = relocations;
        }

        /** The layer's weights: each non-zero its centroid, each zero +0.0. */
        float[] values() {
            float[] out = new float[index.length];
            for (int i = 0; i < index.length; i++) {
                out[i] = index[i] < 0 ? 0f : centroids[index[i]];
            }
            return out;
        }

        /** Takes each centroid from the weights (every member of a cluster holds its value). */
        void readBack(float[] weights) {
            for (int i = 0; i < index.length; i++) {
                if (index[i] >= 0) {
                    centroids[index[i]] = weights[i];
                }
            }
        }

        void apply(ai.djl.nn.Parameter weight) {
            weight.getArray().set(FloatBuffer.wrap(values()));
        }

        void roundToHalf() {
            for (int j = 0; j < centroids.length; j++) {
                float h = HalfFloat.round(centroids[j]);
                // a centroid never becomes zero (that would prune its weights)
                centroids[j] = h != 0f ? h : Math.copySign(MIN_NORMAL_HALF, centroids[j]);
            }
        }
    }

    /**
     * Clusters every conv/linear layer not in {@code exclude} and sets its weights to their
     * centroids.
     *
     * @throws IllegalArgumentException when {@code exclude} names a layer the model lacks
     */
    static Map<String, Shared> cluster(
            FrontierModel model, int bits, Init init, List<String> exclude) {
        LayerMap layers = LayerMap.of(model.block());
        for (String ex : exclude) {
            if (!layers.names().contains(ex)) {
                throw new IllegalArgumentException(
                        "share.exclude names layer '"
                                + ex
                                + "', which model "
                                + model.spec().name()
                                + " does not have; its layers are "
                                + layers.names());
            }
        }
        Map<String, Shared> shared = new LinkedHashMap<>();
        for (LayerMap.Layer l : layers.layers()) {
            if (exclude.contains(l.name())) {
                continue;
            }
            Shared s = kmeans(l.weight().getArray().toFloatArray(), 1 << bits, init);
            s.apply(l.weight());
            shared.put(l.name(), s);
        }
        return shared;
    }

    /**
     * Lloyd's k-means on the non-zero values of {@code weights} with at most {@code k} centroids
     * (fewer when the layer has fewer distinct non-zero values). In one dimension each cluster is
     * an interval of the sorted values, so an iteration is a binary search per boundary and a mean
     * from prefix sums; it stops when no boundary moves and no cluster is empty. A centroid whose
     * cluster empties (linear initialization puts centroids in the sparse tails) moves to the value
     * farthest from its centroid, so every codebook entry is used; a centroid that would be exactly
     * zero takes its smallest-magnitude member instead, so no non-zero weight becomes zero.
     */
    static Shared kmeans(float[] weights, int k, Init init) {
        int n = 0;
        for (float w : weights) {
            n += w != 0f ? 1 : 0;
        }
        int[] index = new int[weights.length];
        Arrays.fill(index, -1);
        if (n == 0) {
            return new Shared(index, new float[0], 0, 0, 0);
        }
        double[] x = new double[n];
        int m = 0;
        for (float w : weights) {
            if (w != 0f) {
                x[m++] = w;
            }
        }
        Arrays.sort(x);
        int distinct = 1;
        for (int i = 1; i < n; i++) {
            distinct += x[i] != x[i - 1] ? 1 : 0;
        }
        k = Math.min(k, distinct);
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
        }
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            if (init == Init.LINEAR) {
                c[j] = k == 1 ? prefix[n] / n : x[0] + (x[n - 1] - x[0]) * j / (k - 1);
            } else {
                c[j] = x[Math.min(n - 1, (int) Math.floor((j + 0.5) * n / k))];
            }
        }
        // cluster j holds the sorted values [start[j], start[j + 1])
        int[] start = new int[k + 1];
        int iterations = 0;
        int relocations = 0;
        while (iterations < MAX_ITERATIONS) {
            iterations++;
            int[] next = boundaries(x, c);
            boolean moved = !Arrays.equals(next, start);
            start = next;
            int empty = -1;
            for (int j = 0; j < k; j++) {
                int count = start[j + 1] - start[j];
                if (count > 0) {
                    c[j] = (prefix[start[j + 1]] - prefix[start[j]]) / count;
                } else if (empty < 0) {
                    empty = j;
                }
            }
            if (empty >= 0) {
                // an empty cluster wastes a codebook entry: its centroid moves to the value
                // farthest from its own centroid (an end of some cluster's interval), as
                // scikit-learn relocates empty clusters; with k <= distinct values one exists
                int far = 0;
                double worst = -1;
                for (int j = 0; j < k; j++) {
                    for (int end : new int[] {start[j], start[j + 1] - 1}) {
                        if (start[j + 1] > start[j] && Math.abs(x[end] - c[j]) > worst) {
                            worst = Math.abs(x[end] - c[j]);
                            far = end;
                        }
                    }
                }
                c[empty] = x[far];
                relocations++;
            }
            Arrays.sort(c);
            if (!moved && empty < 0 && iterations > 1) {
                break;
            }
        }
        float[] centroids = new float[k];
        for (int j = 0; j < k; j++) {
            centroids[j] = (float) c[j];
            if (centroids[j] == 0f) {
                centroids[j] = smallestMember(x, start[j], start[j + 1], c[j]);
            }
        }
        // the float centroids stay ascending (rounding is monotone); each weight takes the
        // nearest, ties to the lower one, as the boundaries did
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0f) {
                index[i] = nearest(centroids, weights[i]);
            }
        }
        return new Shared(index, centroids, n, iterations, relocations);
    }

    /**
     * For ascending centroids, the first sorted position of each cluster (values nearer to centroid
     * j than to j + 1 belong to j; a tie goes to j).
     */
    private static int[] boundaries(double[] x, double[] c) {
        int k = c.length;
        int[] start = new int[k + 1];
        start[k] = x.length;
        for (int j = 1; j < k; j++) {
            double mid = (c[j - 1] + c[j]) / 2;
            // first index with x > mid
            int lo = start[j - 1];
            int hi = x.length;
            while (lo < hi) {
                int h = (lo + hi) >>> 1;
                if (x[h] <= mid) {
                    lo = h + 1;
                } else {
                    hi = h;
                }
            }
            start[j] = lo;
        }
        return start;
    }

    private static float smallestMember(double[] x, int from, int to, double centre) {
        float best = Float.NaN;
        for (int i = from; i < to; i++) {
            if (Float.isNaN(best) || Math.abs(x[i]) < Math.abs(best)) {
                best = (float) x[i];
            }
        }
        return Float.isNaN(best) || best == 0f
                ? (float) Math.copySign(Float.MIN_NORMAL, centre)
                : best;
    }

    static int nearest(float[] centroids, float w) {
        int best = 0;
        for (int j = 1; j < centroids.length; j++) {
            if (Math.abs(w - centroids[j]) < Math.abs(w - centroids[best])) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Deep Compression's centroid fine-tuning as training hooks: before each optimizer step, every
     * shared layer's weight gradients are summed per centroid and the centroids take an Adam (or,
     * with an SGD training, momentum SGD) step with the training's learning rate and schedule
     * (cosine to 1%, step decay or constant); after the step the weights are set back to their
     * centroids, so whatever the optimizer did to them is replaced and pruned zeros stay zero.
     * Biases and BatchNorm train as usual. Weight decay is not applied to centroids.
     */
    static final class CentroidTraining {
        private static final double BETA1 = 0.9;
        private static final double BETA2 = 0.999;
        private static final double EPS = 1e-8;

        private final Map<String, Shared> shared;
        private final TrainConfig cfg;
        private final int totalSteps;
        private final int batchesPerEpoch;
        private final Map<String, double[]> first = new LinkedHashMap<>();
        private final Map<String, double[]> second = new LinkedHashMap<>();
        private final Map<String, float[]> initial = new LinkedHashMap<>();
        private int steps;

        CentroidTraining(Map<String, Shared> shared, TrainConfig cfg, int batchesPerEpoch) {
            this.shared = shared;
            this.cfg = cfg;
            this.batchesPerEpoch = Math.max(1, batchesPerEpoch);
            this.totalSteps = Math.max(1, cfg.epochs() * this.batchesPerEpoch);
            shared.forEach(
                    (layer, s) -> {
                        first.put(layer, new double[s.centroids.length]);
                        second.put(layer, new double[s.centroids.length]);
                        initial.put(layer, s.centroids.clone());
                    });
        }

        TrainingHooks addTo(TrainingHooks hooks) {
            return hooks.withBeforeStep(this::updateCentroids).withAfterStep(this::snap);
        }

        int steps() {
            return steps;
        }

        Map<String, float[]> initial() {
            return initial;
        }

        /** The learning rate at step {@code t} (0-based), as the training loop's schedule. */
        double lr(int t) {
            if (cfg.schedule() == TrainConfig.Schedule.COSINE) {
                double progress = Math.min(1.0, (double) t / totalSteps);
                double low = cfg.lr() * 0.01;
                return low + (cfg.lr() - low) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
            if (cfg.schedule() == TrainConfig.Schedule.STEP && cfg.stepEpochs() > 0) {
                int every = cfg.stepEpochs() * batchesPerEpoch;
                return cfg.lr() * Math.pow(cfg.stepGamma(), t / every);
            }
            return cfg.lr();
        }

        void updateCentroids(FrontierModel model, int step) {
            LayerMap layers = LayerMap.of(model.block());
            double lr = lr(steps);
            steps++;
            for (Map.Entry<String, Shared> e : shared.entrySet()) {
                float[] g;
                try (NDArray grad = layers.get(e.getKey()).weight().getArray().getGradient()) {
                    g = grad.toFloatArray();
                }
                update(e.getKey(), e.getValue(), centroidGradients(e.getValue(), g), lr);
            }
        }

        /** Sums each weight's gradient into its centroid's (Deep Compression, eq. 3). */
        static double[] centroidGradients(Shared s, float[] weightGradients) {
            double[] sum = new double[s.centroids.length];
            for (int i = 0; i < s.index.length; i++) {
                if (s.index[i] >= 0) {
                    sum[s.index[i]] += weightGradients[i];
                }
            }
            return sum;
        }

        void update(String layer, Shared s, double[] grad, double lr) {
            double[] m = first.get(layer);
            double[] v = second.get(layer);
            for (int j = 0; j < grad.length; j++) {
                double delta;
                if (cfg.optimizer() == TrainConfig.Optimizer.SGD) {
                    m[j] = cfg.momentum() * m[j] + grad[j];
                    delta = lr * m[j];
                } else {
                    m[j] = BETA1 * m[j] + (1 - BETA1) * grad[j];
                    v[j] = BETA2 * v[j] + (1 - BETA2) * grad[j] * grad[j];
                    double mHat = m[j] / (1 - Math.pow(BETA1, steps));
                    double vHat = v[j] / (1 - Math.pow(BETA2, steps));
                    delta = lr * mHat / (Math.sqrt(vHat) + EPS);
                }
                float moved = (float) (s.centroids[j] - delta);
                // a centroid never becomes zero (that would prune its weights)
                if (moved != 0f && Float.isFinite(moved)) {
                    s.centroids[j] = moved;
                }
            }
        }

        /** Puts every shared weight back on its centroid (zeros stay zero). */
        void snap(FrontierModel model, int step) {
            LayerMap layers = LayerMap.of(model.block());
            shared.forEach((layer, s) -> s.apply(layers.get(layer).weight()));
        }
    }

    private static Map<String, Object> describe(Map<String, Shared> shared) {
        Map<String, Object> d = new LinkedHashMap<>();
        shared.forEach(
                (layer, s) ->
                        d.put(
                                layer,
                                String.format(
                                        Locale.ROOT,
                                        "%d centroids over %d non-zeros, %d Lloyd iterations,"
                                                + " %d empty clusters relocated",
                                        s.centroids.length,
                                        s.nonZeros,
                                        s.iterations,
                                        s.relocations)));
        return d;
    }

    /** Mean absolute centroid move per layer during fine-tuning. */
    private static Map<String, Object> shifts(
            Map<String, Shared> shared, Map<String, float[]> initial) {
        Map<String, Object> d = new LinkedHashMap<>();
        shared.forEach(
                (layer, s) -> {
                    float[] before = initial.get(layer);
                    double sum = 0;
                    for (int j = 0; j < before.length; j++) {
                        sum += Math.abs(s.centroids[j] - before[j]);
                    }
                    d.put(
                            layer,
                            before.length == 0 ? 0.0 : Math.round(sum / before.length * 1e7) / 1e7);
                });
        return d;
    }
}
