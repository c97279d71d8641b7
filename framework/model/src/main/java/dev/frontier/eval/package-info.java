/**
 * Evaluation of a model on a labelled set: accuracy with its Wilson interval, per-class accuracy,
 * confusion matrix.
 */
package dev.frontier.eval;
