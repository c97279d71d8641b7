/**
 * Search over a sweep's axes instead of gridding them: strategies that propose one trial at a time
 * (ask/tell) with a seed — {@link dev.frontier.search.GridSearch}, {@link
 * dev.frontier.search.RandomSearch} and {@link dev.frontier.search.Nsga2Search} (jMetal's NSGA-II)
 * — the 2-objective {@link dev.frontier.search.Hypervolume2D}, and the replay benchmark ({@link
 * dev.frontier.search.Replay}) that evaluates proposals by looking them up in a table of measured
 * trials, as NAS-Bench does.
 */
package dev.frontier.search;
