/**
 * The {@code frontier} command line (picocli): one subcommand per job, errors sorted by who is at
 * fault.
 */
package dev.frontier.cli;
