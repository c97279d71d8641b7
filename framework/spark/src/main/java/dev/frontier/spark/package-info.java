/**
 * The Spark executor (opt-in, its own module so Spark stays out of the CLI and notebook jars): one
 * Spark job per level of the stage tree, one task per stage running the local workers' code on an
 * executor against the shared run folder, and a model of wall time against executors.
 */
package dev.frontier.spark;
