/**
 * The figures every trial gets: accuracy with its interval and McNemar's test, the real file's
 * size, MACs, latency on the runtime that runs the model, peak memory.
 */
package dev.frontier.exec.measure;
