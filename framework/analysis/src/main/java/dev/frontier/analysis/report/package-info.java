/**
 * The run directory's outputs: a single-file HTML report with summary, an interactive chart (Apache
 * ECharts inlined from its WebJar, nothing fetched), static charts and tables ({@link
 * dev.frontier.analysis.report.HtmlReport}), and one call that writes the CSV files, charts and
 * report together ({@link dev.frontier.analysis.report.RunOutputs}).
 */
package dev.frontier.analysis.report;
