package dev.frontier.train;

import java.util.List;

/**
 * The outcome of a training run: every epoch's figures, the epoch whose weights were kept, whether
 * it stopped early.
 */
public record TrainingReport(
        List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly, double seconds) {
    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    /** Mean training throughput over all epochs (images/s). */
    public double imagesPerSecond() {
        return epochs.stream()
                .mapToDouble(EpochStats::imagesPerSecond)
                .average()
                .orElse(Double.NaN);
    }
}
