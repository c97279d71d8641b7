package dev.frontier.codec.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Synthetic LeNet-5-shaped tensors (61,706 parameters): Laplace-distributed weights with He-like
 * scales (trained conv/linear weights are heavier-tailed than Gaussian), small Gaussian biases, and
 * optional layer-wise magnitude pruning of the weights (biases are never pruned).
 */
final class LeNet5LikeWeights {

    static final int PARAMETERS = 61_706;

    private static final Object[][] LAYERS = {
        {"conv1.weight", new int[] {6, 1, 5, 5}}, {"conv1.bias", new int[] {6}},
        {"conv2.weight", new int[] {16, 6, 5, 5}}, {"conv2.bias", new int[] {16}},
        {"fc1.weight", new int[] {120, 400}}, {"fc1.bias", new int[] {120}},
        {"fc2.weight", new int[] {84, 120}}, {"fc2.bias", new int[] {84}},
        {"fc3.weight", new int[] {10, 84}}, {"fc3.bias", new int[] {10}},
    };

    private LeNet5LikeWeights() {}

    /**
     * The tensors as fp32, with {@code sparsity} of every weight tensor's smallest magnitudes set
     * to 0.
     */
    static List<NamedTensor> tensors(long seed, double sparsity) {
        Random random = new Random(seed);
        List<NamedTensor> tensors = new ArrayList<>();
        for (Object[] layer : LAYERS) {
            String name = (String) layer[0];
            int[] shape = (int[]) layer[1];
            int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            float[] values = new float[count];
            boolean weight = name.endsWith("weight");
            double scale = weight ? Math.sqrt(2.0 / (count / shape[0])) / Math.sqrt(2) : 0.01;
            for (int i = 0; i < count; i++) {
                values[i] =
                        (float) (weight ? laplace(random) * scale : random.nextGaussian() * scale);
            }
            if (weight) {
                prune(values, sparsity);
            }
            tensors.add(new NamedTensor(name, shape, values));
        }
        return tensors;
    }

    private static double laplace(Random random) {
        double u = random.nextDouble() - 0.5;
        return -Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
    }

    private static void prune(float[] values, double sparsity) {
        float[] magnitudes = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            magnitudes[i] = Math.abs(values[i]);
        }
        Arrays.sort(magnitudes);
        int cut = (int) Math.round(sparsity * values.length);
        if (cut == 0) {
            return;
        }
        float threshold = magnitudes[cut - 1];
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i]) <= threshold) {
                values[i] = 0f;
            }
        }
    }
}
