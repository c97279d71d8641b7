/**
 * A sweep from spec to frontier: plans, runs or reuses every stage (here or on workers), measures
 * every trial, aggregates repeats, warns, writes the outputs and publishes to MLflow.
 */
package dev.frontier.exec.run;
