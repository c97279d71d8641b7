/**
 * Sweep execution: runs a planned stage tree with a content-addressed, crash-safe stage cache,
 * applies the compression passes, measures every trial honestly (accuracy with CI and McNemar test,
 * real file size, latency on a real runtime, MACs, provenance) and writes the Pareto outputs.
 */
package dev.frontier.exec;
