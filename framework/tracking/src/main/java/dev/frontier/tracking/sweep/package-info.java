/**
 * A sweep as MLflow runs: {@link dev.frontier.tracking.sweep.SweepLogger} writes one parent run per
 * sweep execution and one child run per trial to a local store (SQLite or file) first, mirrors them
 * to a server when the tracking URI is one, and never throws to the sweep: problems are collected
 * in the {@link dev.frontier.tracking.sweep.SweepLogReport}, and {@code StoreSync} pushes later
 * what a dead server missed.
 *
 * <pre>{@code
 * try (SweepLogger log = SweepLogger.start(SweepTracking.open(uri, workingDir, runDir.resolve("mlruns"), env, clock),
 *     new SweepStart("mnist-compression", sweepId, "sweep-2024-05-01", specHash, gitCommit, version,
 *         Map.of("epochs", "3"), List.of(ArtifactFile.of("spec.yaml", specFile))))) {
 *   log.logTrial(TrialRecord.ok("T4", RunNames.forTrial("T4", axes), "prune+quantize", params, metrics,
 *       Map.of("train_loss", List.of(0.9, 0.5, 0.3)), List.of(ArtifactFile.of("model/model.fqz", modelFile))));
 *   SweepLogReport report = log.finish(SweepFinish.finished(Map.of("hypervolume", 0.42), ranks, artifacts));
 * }
 * }</pre>
 */
package dev.frontier.tracking.sweep;
