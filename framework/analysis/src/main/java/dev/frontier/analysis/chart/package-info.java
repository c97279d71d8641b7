/**
 * XChart scatter charts of two metrics with points coloured by technique, 95% confidence intervals
 * as error bars, the two-metric Pareto frontier drawn as a staircase with its trials named ({@link
 * dev.frontier.analysis.chart.FrontierChart}), saved as PNG and SVG. Axes read in units (KB/MB, %,
 * ms) with round ticks on a log axis ({@link dev.frontier.analysis.chart.ChartAxes}). Rendering is
 * headless.
 */
package dev.frontier.analysis.chart;
