/**
 * The run folder as a store: the stage cache sealed by checksums, trial records sealed and tied to
 * the files they measured, damaged entries moved aside, and the folder's one-writer lock.
 */
package dev.frontier.exec.store;
