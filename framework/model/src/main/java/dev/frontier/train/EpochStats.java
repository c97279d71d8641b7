package dev.frontier.train;

/**
 * What one epoch did: mean training loss and accuracy, validation accuracy (NaN if none), speed,
 * time.
 */
public record EpochStats(
        int epoch,
        double trainLoss,
        double trainAccuracy,
        double validationAccuracy,
        double imagesPerSecond,
        double seconds) {}
