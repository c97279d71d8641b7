/**
 * Browsing a local store (SQLite or file): {@link dev.frontier.tracking.ui.MlflowUiCommand} builds
 * the {@code mlflow ui} command and environment for the {@code frontier ui} command; {@link
 * dev.frontier.tracking.ui.MlflowInstall} finds the {@code mlflow} to run (the repository's pinned
 * virtual environment, else PATH).
 */
package dev.frontier.tracking.ui;
