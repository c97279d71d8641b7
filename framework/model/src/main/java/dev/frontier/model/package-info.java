/**
 * The model zoo ({@code mlp}, {@code lenet5}, {@code cnn}, {@code resnet8}) as DJL blocks built
 * from an immutable {@link dev.frontier.model.ModelSpec}, and checkpoints that carry the spec with
 * the parameters.
 */
package dev.frontier.model;
