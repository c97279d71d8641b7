/**
 * Stages on a cluster instead of local worker processes: the {@code StageExecutor} a sweep hands
 * its missing stages to, the settings that name the cluster, and the ServiceLoader seam through
 * which an engine's module (frontier-spark) provides one; and, on paper, the wall time of a sweep's
 * stages against the number of executors ({@code ScaleModel}, from {@code StageTimes}). Measurement
 * never leaves the sweep's process.
 */
package dev.frontier.exec.cluster;
