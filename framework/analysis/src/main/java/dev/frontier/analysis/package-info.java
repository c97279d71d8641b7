/**
 * What the analysis reads: finished trials ({@link dev.frontier.analysis.TrialOutcome}) and what
 * the user asked of them ({@link dev.frontier.analysis.Objective}, {@link
 * dev.frontier.analysis.Constraint}).
 *
 * <p>Subpackages turn these into a Pareto ranking ({@code pareto}), Tablesaw tables and CSV files
 * ({@code table}), XChart charts ({@code chart}) and a single-file HTML report ({@code report}).
 * The module knows nothing of DJL, the executor or MLflow.
 *
 * <pre>{@code
 * List<TrialOutcome> trials = SyntheticSweep.outcomes(42);          // or the executor's results
 * ParetoCriteria criteria = ParetoCriteria.of(
 *         Objective.maximize("accuracy"), Objective.minimize("size_bytes"), Objective.minimize("latency_p50_ms"))
 *     .withConstraints(Constraint.parse("accuracy >= 0.85"));
 * ParetoResult result = ParetoAnalysis.analyze(trials, criteria);
 * Table frontier = ResultsTable.frontier(result);                   // Tablesaw, all columns as in the CSV
 * Table shown = DisplayTable.frontier(result);                      // name, accuracy ± CI, size... first
 * XYChart chart = FrontierChart.of(result, "size_bytes", "accuracy", true, "Accuracy vs size");
 * RunOutputs.write(result, runDir, "My sweep",
 *     ChartSpec.accuracyVsSizeAndLatency("accuracy", "size_bytes", "latency_p50_ms"));
 * }</pre>
 */
package dev.frontier.analysis;
