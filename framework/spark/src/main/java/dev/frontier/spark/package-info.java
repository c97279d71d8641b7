/**
 * The Spark executor (opt-in, its own module so Spark stays out of the CLI and notebook jars): one
 * Spark job per level of the stage tree, one task per stage, each handing its stage to a Frontier
 * worker process its executor keeps (the local workers' code and recycling) against the shared run
 * folder.
 */
package dev.frontier.spark;
