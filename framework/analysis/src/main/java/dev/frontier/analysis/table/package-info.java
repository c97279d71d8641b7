/**
 * Results as Tablesaw tables and CSV files: one row per trial with its parameters, metrics,
 * standing and front rank ({@link dev.frontier.analysis.table.ResultsTable}), written by {@link
 * dev.frontier.analysis.table.CsvExport}.
 */
package dev.frontier.analysis.table;
