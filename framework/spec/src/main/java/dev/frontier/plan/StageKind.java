package dev.frontier.plan;

/** What a stage of the plan does. */
public enum StageKind {
    /** Trains the baseline model: the root of every path and the accuracy reference. */
    TRAIN_BASELINE,
    /** Trains the teacher once for all distill stages. */
    TRAIN_TEACHER,
    /** Trains a student on the teacher's soft targets. */
    DISTILL,
    /** Prunes (and fine-tunes) the parent's model. */
    PRUNE,
    /** Quantizes the parent's model. */
    QUANTIZE,
    /** Fine-tunes the parent's model. */
    FINETUNE,
    /**
     * Measures a trial's final model (accuracy, size, latency) on its runtime: the leaf of every
     * path.
     */
    MEASURE
}
