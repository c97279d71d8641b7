/**
 * XChart scatter charts of two metrics with points coloured by technique and the two-metric Pareto
 * frontier drawn as a staircase ({@link dev.frontier.analysis.chart.FrontierChart}), saved as PNG and
 * SVG. Rendering is headless.
 */
package dev.frontier.analysis.chart;
