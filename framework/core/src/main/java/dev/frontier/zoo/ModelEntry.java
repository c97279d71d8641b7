package dev.frontier.zoo;

/**
 * What the planner and the sweep validator know of a registered model, without any deep-learning
 * library: its name, a one-line description and its training cost. Implementations are found with
 * {@link java.util.ServiceLoader} (file {@code META-INF/services/dev.frontier.zoo.ModelEntry}); the
 * DJL module's {@code ModelProvider} extends this type with the factory that builds the block.
 */
public interface ModelEntry {
    /** The name sweeps use, e.g. {@code resnet20}: lower case letters, digits and '-'. */
    String name();

    /** One line for listings and the docs table. */
    String description();

    /** Training cost per example relative to {@code lenet5} at width 1 (used to plan sweeps). */
    default double relativeCost() {
        return 1.0;
    }
}
