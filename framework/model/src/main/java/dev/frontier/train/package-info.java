/**
 * Frontier's training loop on DJL: optimizers, learning-rate schedules, early stopping on
 * validation, progress reporting, divergence checks, and hooks that compression passes plug into (a
 * custom loss, an action after each optimizer step).
 */
package dev.frontier.train;
