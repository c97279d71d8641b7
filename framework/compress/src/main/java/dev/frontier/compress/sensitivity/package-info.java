/**
 * Per-layer sensitivity analysis: how much validation accuracy each layer costs when it alone is
 * magnitude-pruned at a ratio or quantized at a bit-width, as a table with helpers that derive
 * per-layer settings (e.g. a mixed-precision override map) from it.
 */
package dev.frontier.compress.sensitivity;
