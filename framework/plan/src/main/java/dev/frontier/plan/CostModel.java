package dev.frontier.plan;

import dev.frontier.spec.Dataset;
import dev.frontier.spec.ModelSpec;

/**
 * A rough cost model in seconds: one training epoch over 60,000 examples of lenet5 costs {@code
 * epochSeconds}, scaled by example count and the model's relative cost; a forward pass costs {@code
 * forwardFraction} of a training step. Good for comparing plans and warning about long sweeps, not
 * for promises.
 *
 * @param epochSeconds seconds per full Fashion-MNIST lenet5 training epoch
 * @param forwardFraction cost of inference relative to training, per example
 * @param latencyBenchmark seconds spent timing latency per measured trial
 */
public record CostModel(double epochSeconds, double forwardFraction, double latencyBenchmark) {

    /**
     * 9 s per full lenet5 epoch on 2 CPU cores, inference at 1/3 of training, 2 s of latency
     * timing.
     */
    public static final CostModel DEFAULT = new CostModel(9.0, 0.35, 2.0);

    private static final double REFERENCE_EXAMPLES = 60_000;

    /** Seconds to train {@code model} for one epoch on {@code dataset}'s training examples. */
    public double epoch(ModelSpec model, Dataset dataset) {
        return epochSeconds * dataset.trainExamples() / REFERENCE_EXAMPLES * model.relativeCost();
    }

    /** Seconds to run {@code examples} forward passes of {@code model}. */
    public double forward(ModelSpec model, int examples) {
        return epochSeconds
                * forwardFraction
                * examples
                / REFERENCE_EXAMPLES
                * model.relativeCost();
    }

    /** Seconds to measure a trial: the test set once plus latency timing. */
    public double measure(ModelSpec model, Dataset dataset) {
        return forward(model, dataset.testExamples()) + latencyBenchmark;
    }
}
