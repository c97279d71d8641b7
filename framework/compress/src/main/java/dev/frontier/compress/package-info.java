/**
 * Compression passes on DJL models: unstructured magnitude pruning with masks kept through
 * fine-tuning, structured pruning that builds a physically smaller model, and the layer map they
 * share. Each pass takes a trained model and returns (or modifies) a model; none of them fakes size
 * or speed.
 */
package dev.frontier.compress;
