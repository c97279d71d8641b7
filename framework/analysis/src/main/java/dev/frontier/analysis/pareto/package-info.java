/**
 * Pareto analysis of a sweep: constraints first, then fast non-dominated sorting into ranked
 * fronts, the hypervolume of the first front and its knee point.
 *
 * <p>The front door is {@link dev.frontier.analysis.pareto.ParetoAnalysis#analyze}; the algorithms
 * ({@link dev.frontier.analysis.pareto.NonDominatedSorting}, {@link
 * dev.frontier.analysis.pareto.Hypervolume}, {@link dev.frontier.analysis.pareto.KneePoint}) work
 * on plain cost vectors where every objective is minimised, and are usable on their own.
 */
package dev.frontier.analysis.pareto;
