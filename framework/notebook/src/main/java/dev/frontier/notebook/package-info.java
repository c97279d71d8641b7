/**
 * Notebook display: shows Tablesaw tables as HTML, XChart charts as inline PNG or SVG, Pareto
 * frontiers (table with the frontier marked plus accuracy–size and accuracy–latency charts) and
 * markdown summaries in a Jupyter Java kernel, and as plain text anywhere else.
 *
 * <p>Start with {@link dev.frontier.notebook.Notebook#detect()}. The kernel is found at run time
 * (JJava or IJava); nothing here depends on a kernel at compile time. Under JJava a Tablesaw table
 * or XChart chart as a cell's value shows as HTML or an image too ({@link
 * dev.frontier.notebook.JJavaRenderers}). Headless runs pass their parameters through the
 * environment: {@link dev.frontier.notebook.NotebookParams}.
 */
package dev.frontier.notebook;
