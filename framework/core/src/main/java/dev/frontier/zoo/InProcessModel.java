package dev.frontier.zoo;

/**
 * A model defined in the running process (a notebook cell, a Java program) rather than registered
 * or packaged in a jar: it cannot be sent to worker processes, and its {@link #structure()} stands
 * in for a name in stage keys.
 */
public interface InProcessModel extends ModelEntry {
    /**
     * A digest of the model's layer types and parameter shapes at its declared input: two different
     * blocks under the same name get different stage keys.
     */
    String structure();

    /** The input of one example the model was declared for: channels, rows, columns. */
    int[] inputShape();
}
