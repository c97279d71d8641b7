/**
 * Reading runs back: {@link dev.frontier.tracking.table.RunsTable} turns the runs of an experiment,
 * from either store, into a Tablesaw table with one row per run (for notebooks and reports).
 */
package dev.frontier.tracking.table;
