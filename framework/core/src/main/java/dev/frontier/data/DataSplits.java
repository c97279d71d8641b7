package dev.frontier.data;

/**
 * Train, validation and test sets of one dataset with the normalization to apply. Validation is
 * carved from the training file (for calibration and selection); test is only for the final number.
 */
public record DataSplits(
        String name,
        ImageSet train,
        ImageSet validation,
        ImageSet test,
        float mean,
        float std,
        String source) {}
