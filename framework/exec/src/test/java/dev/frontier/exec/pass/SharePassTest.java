package dev.frontier.exec.pass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.frontier.codec.format.ModelFileReader;
import dev.frontier.codec.format.NamedTensor;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.HalfFloat;
import dev.frontier.codec.quant.Precision;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.ModelPacker;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.PassRegistry;
import dev.frontier.spec.PassType;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.SpecWriter;
import dev.frontier.spec.Sweep;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The share pass: its declaration, k-means on non-zero weights, the file, centroid training. */
class SharePassTest {

    @TempDir Path dir;

    @BeforeAll
    static void engine() {
        EngineSetup.start(1);
    }

    /**
     * Gaussian weights with {@code sparsity} of them exactly zero (some -0.0, as a mask leaves).
     */
    private static float[] pruned(long seed, int n, double sparsity) {
        Random r = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian() * 0.05;
            w[i] = r.nextDouble() < sparsity ? (g < 0 ? -0.0f : 0f) : (float) g;
        }
        return w;
    }

    private static Set<Float> distinctNonZero(float[] v) {
        Set<Float> s = new HashSet<>();
        for (float x : v) {
            if (x != 0f) {
                s.add(x);
            }
        }
        return s;
    }

    @Test
    void share_isOnTheRegistry_asAnEncodingPassWithItsDeclaredParameters() {
        PassType t = PassRegistry.standard().get("share").orElseThrow();
        assertEquals(PassType.Role.ENCODE, t.role());
        assertEquals(
                List.of("bits", "init", "finetuneEpochs", "finetuneLr", "codebook", "biases"),
                t.sweepableKeys());
        assertEquals(java.util.Optional.of("finetuneEpochs"), t.epochsParam());
        GenericPass p = (GenericPass) t.defaults();
        assertEquals(4, (Integer) p.value("bits"));
        assertEquals(SharePass.Init.LINEAR, p.value("init"));
        assertThrows(SpecException.class, () -> t.create(Map.of("bits", 0)));
        assertThrows(SpecException.class, () -> t.create(Map.of("bits", 9)));
    }

    @Test
    void kmeans_onNonZeroWeights_keepsZerosAndUsesAtMostKCentroids() {
        float[] w = pruned(1, 5000, 0.9);
        for (SharePass.Init init : SharePass.Init.values()) {
            SharePass.Shared s = SharePass.kmeans(w, 16, init);
            assertEquals(16, s.centroids.length, init.yamlName());
            float[] v = s.values();
            for (int i = 0; i < w.length; i++) {
                if (w[i] == 0f) {
                    assertEquals(-1, s.index[i], "pruned weight " + i + " has no centroid");
                    assertEquals(0, Float.floatToRawIntBits(v[i]), "pruned weight " + i);
                } else {
                    assertTrue(s.index[i] >= 0 && s.index[i] < 16, "index " + s.index[i]);
                    assertNotEquals(0f, v[i], "non-zero weight " + i + " became zero");
                }
            }
            // every centroid is used: no codebook entry is wasted on an empty cluster
            assertEquals(16, distinctNonZero(v).size(), init.yamlName());
            for (float c : s.centroids) {
                assertNotEquals(0f, c, "a centroid is never zero");
            }
            for (int j = 1; j < s.centroids.length; j++) {
                assertTrue(s.centroids[j] > s.centroids[j - 1], "centroids ascend");
            }
        }
    }

    @Test
    void kmeans_relocatesEmptyClusters_soAnOutlierWastesNoCodebookEntry() {
        // linear init over [-0.01, 1]: the centroids at 0.33 and 0.67 start with no weight
        float[] w = new float[201];
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            w[i] = (float) (r.nextDouble() * 0.02 - 0.01);
        }
        w[200] = 1f;
        SharePass.Shared s = SharePass.kmeans(w, 4, SharePass.Init.LINEAR);
        assertTrue(s.relocations > 0);
        assertEquals(4, distinctNonZero(s.values()).size());
        assertEquals(1f, s.centroids[3], "the outlier keeps its own centroid");
    }

    @Test
    void kmeans_isAFixedPointOfLloyd_eachCentroidTheMeanOfItsNearestWeights() {
        float[] w = pruned(2, 3000, 0.5);
        SharePass.Shared s = SharePass.kmeans(w, 8, SharePass.Init.LINEAR);
        double[] sum = new double[8];
        int[] count = new int[8];
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0f) {
                int j = SharePass.nearest(s.centroids, w[i]);
                assertEquals(j, s.index[i], "weight " + i + " takes its nearest centroid");
                sum[j] += w[i];
                count[j]++;
            }
        }
        double before = 0;
        double after = 0;
        for (int j = 0; j < 8; j++) {
            assertTrue(count[j] > 0, "cluster " + j + " is empty");
            assertEquals(sum[j] / count[j], s.centroids[j], 1e-6, "centroid " + j);
        }
        // and it beats the linear grid it started from on squared error
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float x : w) {
            if (x != 0f) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        float[] grid = new float[8];
        for (int j = 0; j < 8; j++) {
            grid[j] = min + (max - min) * j / 7;
        }
        for (float x : w) {
            if (x != 0f) {
                float g = grid[SharePass.nearest(grid, x)];
                float c = s.centroids[SharePass.nearest(s.centroids, x)];
                before += (x - g) * (x - g);
                after += (x - c) * (x - c);
            }
        }
        assertTrue(after < before * 0.9, "k-means " + after + " vs linear grid " + before);
    }

    @Test
    void kmeans_withFewerDistinctValuesThanK_keepsThemExactly_andIsDeterministic() {
        float[] w = {0f, 0.5f, -0.25f, 0.5f, 0f, 1f};
        SharePass.Shared s = SharePass.kmeans(w, 16, SharePass.Init.DENSITY);
        assertArrayEquals(new float[] {-0.25f, 0.5f, 1f}, s.centroids);
        assertArrayEquals(new float[] {0f, 0.5f, -0.25f, 0.5f, 0f, 1f}, s.values());
        float[] big = pruned(3, 4000, 0.7);
        assertArrayEquals(
                SharePass.kmeans(big, 8, SharePass.Init.DENSITY).values(),
                SharePass.kmeans(big, 8, SharePass.Init.DENSITY).values());
        assertEquals(0, SharePass.kmeans(new float[10], 4, SharePass.Init.LINEAR).centroids.length);
    }

    @Test
    void sharedModel_roundTripsThroughTheModelFile_valueForValue() throws Exception {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 0.5), Device.cpu(), 4)) {
            prune(m, 0.8);
            Map<String, float[]> zerosBefore = weights(m);
            Map<String, SharePass.Shared> shared =
                    SharePass.cluster(m, 3, SharePass.Init.LINEAR, List.of("conv1"));
            assertEquals(LayerMap.of(m.block()).names().size() - 1, shared.size());
            Map<String, TensorEncoding> enc = new LinkedHashMap<>();
            shared.keySet().forEach(l -> enc.put(l, TensorEncoding.shared(3, false)));
            Path file = dir.resolve("m.frontier");
            long bytes = ModelPacker.write(m, enc, true, true, file).fileBytes();
            Map<String, float[]> after = weights(m);
            for (String layer : after.keySet()) {
                float[] a = after.get(layer);
                float[] b = zerosBefore.get(layer);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(b[i] == 0f, a[i] == 0f, layer + " element " + i);
                }
                if (shared.containsKey(layer)) {
                    assertTrue(distinctNonZero(a).size() <= 8, layer);
                }
            }
            var read = ModelFileReader.read(file);
            for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
                NamedTensor t =
                        read.tensors().stream()
                                .filter(x -> x.parameterCount() == l.weight().getArray().size())
                                .filter(
                                        x ->
                                                java.util.Arrays.equals(
                                                        x.values(),
                                                        l.weight().getArray().toFloatArray()))
                                .findFirst()
                                .orElseThrow(() -> new AssertionError(l.name() + " not in file"));
                assertEquals(
                        shared.containsKey(l.name()),
                        t.encoding().precision() instanceof Precision.Shared,
                        l.name() + ": " + t.encoding().describe());
            }
            try (FrontierModel back = ModelPacker.read(file, Device.cpu())) {
                assertEquals(weights(m).keySet(), weights(back).keySet());
                weights(m).forEach((k, v) -> assertArrayEquals(v, weights(back).get(k), k));
            }
            assertTrue(bytes > 0);
        }
    }

    @Test
    void halfBiases_areRoundedInTheModel_storedAsFp16_andReadBackExactly() throws Exception {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 0.5), Device.cpu(), 4)) {
            // a new model's biases are zero: give them values that half precision cannot hold
            Random rnd = new Random(7);
            for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
                NDArray b = l.bias().orElseThrow().getArray();
                float[] v = new float[(int) b.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (rnd.nextGaussian() * 0.1);
                }
                b.set(FloatBuffer.wrap(v));
            }
            Path fp32 = dir.resolve("fp32-biases.frontier");
            long fp32Bytes = ModelPacker.write(m, Map.of(), true, true, fp32).fileBytes();
            Map<String, TensorEncoding> biases = new LinkedHashMap<>();
            Map<String, float[]> before = new LinkedHashMap<>();
            for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
                Parameter b = l.bias().orElseThrow();
                before.put(l.name(), b.getArray().toFloatArray());
                SharePass.storeAs(b, TensorEncoding.fp16());
                biases.put(l.name(), TensorEncoding.fp16());
            }
            Path half = dir.resolve("fp16-biases.frontier");
            long halfBytes = ModelPacker.write(m, Map.of(), biases, true, true, half).fileBytes();
            int changed = 0;
            int biasCount = 0;
            for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
                float[] rounded = l.bias().orElseThrow().getArray().toFloatArray();
                float[] original = before.get(l.name());
                for (int i = 0; i < rounded.length; i++) {
                    assertEquals(HalfFloat.round(original[i]), rounded[i], l.name() + " bias " + i);
                    changed += rounded[i] != original[i] ? 1 : 0;
                }
                biasCount += rounded.length;
            }
            assertTrue(changed > 0, "rounding to half changed no bias");
            // two bytes fewer a bias, less what zstd had saved on the fp32 ones
            assertTrue(
                    halfBytes < fp32Bytes - biasCount,
                    halfBytes + " B with fp16 biases vs " + fp32Bytes + " B with fp32");
            var read = ModelFileReader.read(half);
            long fp16Tensors =
                    read.tensors().stream()
                            .filter(t -> t.encoding().precision().equals(Precision.fp16()))
                            .count();
            assertEquals(biases.size(), fp16Tensors);
            try (FrontierModel back = ModelPacker.read(half, Device.cpu())) {
                weights(m).forEach((k, v) -> assertArrayEquals(v, weights(back).get(k), k));
                for (LayerMap.Layer l : LayerMap.of(back.block()).layers()) {
                    assertArrayEquals(
                            LayerMap.of(m.block())
                                    .get(l.name())
                                    .bias()
                                    .orElseThrow()
                                    .getArray()
                                    .toFloatArray(),
                            l.bias().orElseThrow().getArray().toFloatArray(),
                            l.name());
                }
            }
        }
    }

    @Test
    void exclude_namingAMissingLayer_isOneClearError() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 4)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> SharePass.cluster(m, 4, SharePass.Init.LINEAR, List.of("fc9")));
            assertTrue(
                    e.getMessage().contains("share.exclude names layer 'fc9'")
                            && e.getMessage().contains("fc1"),
                    e.getMessage());
        }
    }

    @Test
    void readBack_takesTheCentroidsFromRestoredWeights() {
        SharePass.Shared s = SharePass.kmeans(pruned(4, 400, 0.5), 4, SharePass.Init.LINEAR);
        float[] restored = s.values();
        for (int i = 0; i < restored.length; i++) {
            if (s.index[i] == 2) {
                restored[i] = 0.123f;
            }
        }
        float[] others = {s.centroids[0], s.centroids[1], s.centroids[3]};
        s.readBack(restored);
        assertEquals(0.123f, s.centroids[2]);
        assertArrayEquals(others, new float[] {s.centroids[0], s.centroids[1], s.centroids[3]});
        assertArrayEquals(restored, s.values());
    }

    @Test
    void fp16Codebook_roundsCentroidsToHalves_neverToZero() {
        SharePass.Shared s =
                SharePass.kmeans(
                        new float[] {1e-9f, 0.1f, 0f, 0.30000001f}, 4, SharePass.Init.LINEAR);
        s.roundToHalf();
        for (float c : s.centroids) {
            assertEquals(dev.frontier.codec.quant.HalfFloat.round(c), c, "a half: " + c);
            assertNotEquals(0f, c);
        }
        assertEquals(SharePass.MIN_NORMAL_HALF, s.centroids[0], "1e-9 is below every half");
    }

    @Test
    void centroidGradient_isTheSumOfItsWeightsGradients() {
        SharePass.Shared s =
                SharePass.kmeans(new float[] {0f, 1f, 1f, 3f, 0f}, 2, SharePass.Init.LINEAR);
        double[] g =
                SharePass.CentroidTraining.centroidGradients(
                        s, new float[] {100f, 0.5f, 0.25f, -2f, 7f});
        // the zeros' gradients (100, 7) go nowhere
        assertArrayEquals(new double[] {0.75, -2.0}, g, 1e-12);
    }

    @Test
    void centroidFineTuning_movesCentroids_keepsSharing_andKeepsZeros() {
        DataSplits data =
                Datasets.standard(DataRequest.of("synthetic"), s -> {})
                        .load(DataRequest.of("synthetic").withLimit(300).withTestLimit(50));
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 4)) {
            prune(m, 0.7);
            Map<String, SharePass.Shared> shared =
                    SharePass.cluster(m, 2, SharePass.Init.LINEAR, List.of());
            Map<String, float[]> before = weights(m);
            Map<String, float[]> centroids = new LinkedHashMap<>();
            shared.forEach((k, s) -> centroids.put(k, s.centroids.clone()));
            TrainConfig cfg = TrainConfig.adam(1).withLr(1e-2).withBatchSize(32);
            SharePass.CentroidTraining training =
                    new SharePass.CentroidTraining(shared, cfg, (data.train().size() + 31) / 32);
            new TrainingLoop(
                            cfg,
                            training.addTo(TrainingHooks.standard()),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.validation(), data.mean(), data.std());
            assertTrue(training.steps() > 0);
            Map<String, float[]> after = weights(m);
            boolean moved = false;
            for (String layer : shared.keySet()) {
                SharePass.Shared s = shared.get(layer);
                moved |= !java.util.Arrays.equals(centroids.get(layer), s.centroids);
                float[] a = after.get(layer);
                float[] b = before.get(layer);
                for (int i = 0; i < a.length; i++) {
                    if (b[i] == 0f) {
                        assertEquals(0f, a[i], layer + " pruned element " + i + " regrew");
                    } else {
                        // still on its own centroid: weights that shared a value still share it
                        assertEquals(s.centroids[s.index[i]], a[i], layer + " element " + i);
                    }
                }
                assertTrue(distinctNonZero(a).size() <= 4, layer);
            }
            assertTrue(moved, "fine-tuning moved no centroid");
        }
    }

    @Test
    void benchFiles_shareLenet5_shareOneBaselineAndOnePrunedModel_withTheQatControl()
            throws Exception {
        Path bench = repoRoot().resolve("experiments/bench");
        Sweep share = SpecReader.read(bench.resolve("share-lenet5.yaml"));
        Sweep qat = SpecReader.read(bench.resolve("share-lenet5-qat.yaml"));
        assertEquals(share, SpecReader.read(SpecWriter.write(share), "share-lenet5 (canonical)"));
        Plan a = Planner.plan(share);
        Plan b = Planner.plan(qat);
        assertEquals(
                List.of("3 linear", "3 density", "4 linear", "4 density"),
                a.trials().stream()
                        .map(
                                t ->
                                        t.axisValues().get("share.bits")
                                                + " "
                                                + dev.frontier.spec.Values.show(
                                                        t.axisValues().get("share.init")))
                        .toList());
        assertEquals(1, b.trialCount());
        assertEquals(share.output(), qat.output());
        var pathA = a.path(a.trials().get(0), 0);
        var pathB = b.path(b.trials().get(0), 0);
        assertEquals(pathA.get(0).key(), pathB.get(0).key(), "one baseline");
        assertEquals(pathA.get(1).key(), pathB.get(1).key(), "one pruned model");
    }

    private static Path repoRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
                p != null;
                p = p.getParent()) {
            if (Files.isDirectory(p.resolve("experiments/bench"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root above " + System.getProperty("user.dir"));
    }

    private static void prune(FrontierModel m, double sparsity) {
        Random r = new Random(9);
        for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
            float[] w = l.weight().getArray().toFloatArray();
            for (int i = 0; i < w.length; i++) {
                if (r.nextDouble() < sparsity) {
                    w[i] = 0f;
                }
            }
            l.weight().getArray().set(FloatBuffer.wrap(w));
        }
    }

    private static Map<String, float[]> weights(FrontierModel m) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (LayerMap.Layer l : LayerMap.of(m.block()).layers()) {
            out.put(l.name(), l.weight().getArray().toFloatArray());
        }
        return out;
    }
}
